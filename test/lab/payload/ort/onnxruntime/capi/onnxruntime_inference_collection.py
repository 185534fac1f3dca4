"""InferenceSession with the real constructor and accessors; provider selection and run time are modelled."""
import json
import os

from onnxruntime.capi import _cpu_pool, _cuda_libs, _gpu_context
from onnxruntime.capi import build_and_package_info as _build
from onnxruntime.capi import onnxruntime_pybind11_state as C

_CUDA_DEFAULTS = {
    "device_id": "0", "has_user_compute_stream": "0", "user_compute_stream": "0", "gpu_mem_limit": "18446744073709551615",
    "arena_extend_strategy": "kNextPowerOfTwo", "cudnn_conv_algo_search": "EXHAUSTIVE", "do_copy_in_default_stream": "1",
    "cudnn_conv_use_max_workspace": "1", "cudnn_conv1d_pad_to_nc1d": "0", "enable_cuda_graph": "0",
    "tunable_op_enable": "0", "tunable_op_tuning_enable": "0", "tunable_op_max_tuning_duration_ms": "0",
    "enable_skip_layer_norm_strict_mode": "0", "prefer_nhwc": "0", "use_ep_level_unified_stream": "0",
    "gpu_external_alloc": "0", "gpu_external_free": "0", "gpu_external_empty_cache": "0",
}
_DEFAULT_MODEL = {"inputs": [["input", "tensor(float)", ["batch", 3, 256, 256]]],
                  "outputs": [["output", "tensor(float)", ["batch", 3, 256, 256]]],
                  "cpu_ms": 20.0, "cuda_ms": 2.0, "weights_mib": 64, "activation_mib": 32}


def _parse_model(data):
    """Any bytes are a model; a JSON object with a `dh_lab_model` key sets its signature and modelled costs."""
    model = dict(_DEFAULT_MODEL)
    try:
        doc = json.loads(data.decode("utf-8"))
        if isinstance(doc, dict) and isinstance(doc.get("dh_lab_model"), dict):
            model.update(doc["dh_lab_model"])
    except (UnicodeDecodeError, ValueError):
        pass
    return model


def _normalize_providers(providers, provider_options):
    names, options = [], []
    for i, entry in enumerate(providers):
        if isinstance(entry, tuple):
            name, opts = entry
        else:
            name = entry
            opts = provider_options[i] if provider_options and i < len(provider_options) else {}
        if name not in C.get_all_providers():
            raise ValueError(f"Unknown provider {name}")
        if name not in C.get_available_providers():
            continue  # the real binding warns and skips providers this build lacks
        names.append(name)
        options.append({k: ("1" if v is True else "0" if v is False else str(v)) for k, v in dict(opts).items()})
    return names, options


def _fallback_log_sites():
    major_minor = tuple(int(x) for x in _build.__version__.split(".")[:2])
    if major_minor >= (1, 19):
        return ("provider_bridge_ort.cc:1992 onnxruntime::TryGetProviderInfo_CUDA", "provider_bridge_ort.cc:1637 onnxruntime::ProviderLibrary::Get",
                "onnxruntime_pybind_state.cc:965 onnxruntime::python::CreateExecutionProviderInstance",
                f"Failed to create CUDAExecutionProvider. Require cuDNN {_build.cudnn_version.split('.')[0]}.* and CUDA {_build.cuda_version.split('.')[0]}.*. Please install all dependencies as mentioned in the GPU requirements page (https://onnxruntime.ai/docs/execution-providers/CUDA-ExecutionProvider.html#requirements), make sure they're in the PATH, and that your GPU is supported.")
    if major_minor >= (1, 17):
        bridge = ("provider_bridge_ort.cc:1745 TryGetProviderInfo_CUDA", "provider_bridge_ort.cc:1426") if major_minor >= (1, 18) else \
                 ("provider_bridge_ort.cc:1546 TryGetProviderInfo_CUDA", "provider_bridge_ort.cc:1209")
        return bridge + ("onnxruntime_pybind_state.cc:861 CreateExecutionProviderInstance",
                         "Failed to create CUDAExecutionProvider. Please reference https://onnxruntime.ai/docs/execution-providers/CUDA-ExecutionProvider.html#requirementsto ensure all dependencies are met.")
    return ("provider_bridge_ort.cc:1480 TryGetProviderInfo_CUDA", "provider_bridge_ort.cc:1193",
            "onnxruntime_pybind_state.cc:640 CreateExecutionProviderInstance",
            "Failed to create CUDAExecutionProvider. Please reference https://onnxruntime.ai/docs/execution-providers/CUDA-ExecutionProvider.html#requirements to ensure all dependencies are met.")


def _cuda_usable():
    """Logs what the native layer logs when CUDA cannot be used; True when it can."""
    bridge, bridge_src, pybind, warning = _fallback_log_sites()
    missing = _cuda_libs.first_missing_library()
    if missing:
        C.log_default(3, bridge, f"/onnxruntime_src/onnxruntime/core/session/{bridge_src} onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so with error: {missing}: cannot open shared object file: No such file or directory\n")
        C.log_default(2, pybind, warning)
        return False
    if not _gpu_context.device_present():
        C.log_default(3, "cuda_call.cc:119 CudaCall", f"CUDA failure 100: no CUDA-capable device is detected ; GPU=0 ; hostname={os.uname().nodename} ; file=/onnxruntime_src/onnxruntime/core/providers/cuda/cuda_execution_provider.cc ; line=236 ; expr=cudaSetDevice(info_.device_id); ")
        C.log_default(2, pybind, warning)
        return False
    return True


class Session:
    """Base class, as in the real module."""


class InferenceSession(Session):
    def __init__(self, path_or_bytes, sess_options=None, providers=None, provider_options=None, **kwargs):
        if isinstance(path_or_bytes, (bytes, bytearray)):
            data, self._model_path = bytes(path_or_bytes), None
        else:
            self._model_path = os.fspath(path_or_bytes)
            if not os.path.isfile(self._model_path):
                raise C.NoSuchFile(f"[ONNXRuntimeError] : 3 : NO_SUCHFILE : Load model from {self._model_path} failed:Load model {self._model_path} failed. File doesn't exist")
            with open(self._model_path, "rb") as fh:
                data = fh.read()
        if providers is None:
            available = C.get_available_providers()
            raise ValueError(f"This ORT build has {available} enabled. Since ORT 1.9, you are required to explicitly set the providers parameter when instantiating InferenceSession. For example, onnxruntime.InferenceSession(..., providers={available}, ...)")
        if provider_options is not None and len(provider_options) != len(providers):
            raise ValueError("'providers' and 'provider_options' should be the same length if both are given.")
        self._sess_options = (sess_options or C.SessionOptions())._copy()
        self._model = _parse_model(data)
        names, options = _normalize_providers(providers, provider_options)
        self._providers, self._provider_options, self._gpu = [], {}, None
        for name, opts in zip(names, options):
            if name == "CUDAExecutionProvider" and self._gpu is None and _cuda_usable():
                merged = dict(_CUDA_DEFAULTS, **opts)
                self._gpu = _gpu_context.GpuContext(int(self._model["weights_mib"]))
                self._providers.append(name)
                self._provider_options[name] = merged
        self._providers.append("CPUExecutionProvider")
        self._provider_options["CPUExecutionProvider"] = {}
        so = self._sess_options
        greedy = so.intra_op_num_threads != 1 or (so.execution_mode == C.ExecutionMode.ORT_PARALLEL and so.inter_op_num_threads != 1)
        self._cpu = _cpu_pool.CpuSlot(greedy)

    def get_providers(self):
        return list(self._providers)

    def get_provider_options(self):
        return {k: dict(v) for k, v in self._provider_options.items()}

    def get_session_options(self):
        return self._sess_options

    def get_inputs(self):
        return [C.NodeArg(n, t, list(s)) for n, t, s in self._model["inputs"]]

    def get_outputs(self):
        return [C.NodeArg(n, t, list(s)) for n, t, s in self._model["outputs"]]

    def get_overridable_initializers(self):
        return []

    def get_modelmeta(self):
        return C.ModelMetadata(producer_name="dh-lab", graph_name="main_graph")

    def get_profiling_start_time_ns(self):
        return 0

    def end_profiling(self):
        return ""

    def set_providers(self, providers=None, provider_options=None):
        raise C.NotImplemented("set_providers is not supported by the lab stand-in; create a new session")

    def _items(self, value):
        if hasattr(value, "shape") and value.shape:
            return int(value.shape[0])
        if isinstance(value, (list, tuple)):
            return len(value)
        return 1

    def run(self, output_names, input_feed, run_options=None):
        wanted = [i[0] for i in self._model["inputs"]]
        missing = [n for n in wanted if n not in input_feed]
        if missing:
            raise ValueError(f"Required inputs ({missing}) are missing from input feed ({list(input_feed)}).")
        items = max([self._items(input_feed[n]) for n in wanted] or [1])
        if self._gpu is not None:
            self._reserve_arena(items)
        self._cpu.mark(True)
        try:
            if self._gpu is not None:
                self._gpu.begin()
                _cpu_pool.sleep_through(items * self._model["cuda_ms"] / 1000.0, self._cuda_factor, self._gpu.heartbeat)
                self._gpu.end()
            else:
                _cpu_pool.sleep_through(items * self._model["cpu_ms"] / 1000.0, lambda: _cpu_pool.cpu_factor(self._cpu.greedy))
        finally:
            self._cpu.mark(False)
        names = output_names or [o[0] for o in self._model["outputs"]]
        feed = input_feed[wanted[0]] if wanted else None
        return [feed for _ in names]

    def _cuda_factor(self):
        share = 1.0 + 0.5 * (max(1, _gpu_context.busy_sessions()) - 1)
        if self._cpu.greedy:
            n_greedy, _ = _cpu_pool.CpuSlot.busy_counts()
            share *= 1.0 + 0.25 * max(0, n_greedy - 1)
        return share

    def _reserve_arena(self, items):
        opts = self._provider_options["CUDAExecutionProvider"]
        need = int(self._model["activation_mib"]) * items
        arena = self._gpu.state["arena_mib"]
        if need <= arena:
            return
        grow = need if opts.get("arena_extend_strategy") == "kSameAsRequested" else 1 << (need - 1).bit_length()
        limit_mib = int(opts.get("gpu_mem_limit", _CUDA_DEFAULTS["gpu_mem_limit"])) // (1 << 20)
        if grow > limit_mib or _gpu_context.used_mib() + grow - arena > _gpu_context.TOTAL_MIB:
            C.log_default(3, "cuda_call.cc:116 CudaCall", "CUDA failure 2: out of memory ; GPU=0 ; file=/onnxruntime_src/onnxruntime/core/providers/cuda/cuda_allocator.cc ; line=47 ; expr=cudaMalloc((void**)&p, size);")
            raise C.RuntimeException(f"[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Non-zero status code returned while running Conv node. Name:'Conv_0' Status Message: /onnxruntime_src/onnxruntime/core/framework/bfc_arena.cc:376 void* onnxruntime::BFCArena::AllocateRawInternal(size_t, bool, onnxruntime::Stream*, bool, onnxruntime::WaitNotificationFn) Failed to allocate memory for requested buffer of size {grow << 20}\n")
        self._gpu.set_arena(grow)

    def __del__(self):
        gpu = getattr(self, "_gpu", None)
        if gpu is not None:
            gpu.close()
