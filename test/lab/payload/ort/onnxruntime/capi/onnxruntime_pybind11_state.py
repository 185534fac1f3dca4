"""Pure-Python stand-in for the native `onnxruntime_pybind11_state` module: enums, options, errors, logger."""
import enum
import sys
import time

from onnxruntime.capi import build_and_package_info as _build


class _PybindEnum(enum.IntEnum):
    # pybind11 enums print as `ExecutionMode.ORT_SEQUENTIAL`, not as their integer.
    def __str__(self):
        return f"{type(self).__name__}.{self.name}"

    def __repr__(self):
        return f"<{type(self).__name__}.{self.name}: {int(self)}>"


class ExecutionMode(_PybindEnum):
    ORT_SEQUENTIAL = 0
    ORT_PARALLEL = 1


class ExecutionOrder(_PybindEnum):
    DEFAULT = 0
    PRIORITY_BASED = 1
    MEMORY_EFFICIENT = 2


class GraphOptimizationLevel(_PybindEnum):
    ORT_DISABLE_ALL = 0
    ORT_ENABLE_BASIC = 1
    ORT_ENABLE_EXTENDED = 2
    ORT_ENABLE_ALL = 99


class Fail(Exception): pass
class InvalidArgument(Exception): pass
class NoSuchFile(Exception): pass
class NoModel(Exception): pass
class EngineError(Exception): pass
class RuntimeException(Exception): pass
class InvalidProtobuf(Exception): pass
class ModelLoaded(Exception): pass
class NotImplemented(Exception): pass  # noqa: A001 - the real module shadows the builtin too
class InvalidGraph(Exception): pass
class EPFail(Exception): pass


_OPTION_TYPES = {
    "enable_cpu_mem_arena": bool, "enable_mem_pattern": bool, "enable_mem_reuse": bool,
    "enable_profiling": bool, "execution_mode": ExecutionMode, "execution_order": ExecutionOrder,
    "graph_optimization_level": GraphOptimizationLevel, "inter_op_num_threads": int,
    "intra_op_num_threads": int, "log_severity_level": int, "log_verbosity_level": int, "logid": str,
    "optimized_model_filepath": str, "profile_file_prefix": str, "use_deterministic_compute": bool,
}
_OPTION_DEFAULTS = {
    "enable_cpu_mem_arena": True, "enable_mem_pattern": True, "enable_mem_reuse": True, "enable_profiling": False,
    "execution_mode": ExecutionMode.ORT_SEQUENTIAL, "execution_order": ExecutionOrder.DEFAULT,
    "graph_optimization_level": GraphOptimizationLevel.ORT_ENABLE_ALL, "inter_op_num_threads": 0,
    "intra_op_num_threads": 0, "log_severity_level": 2, "log_verbosity_level": 0, "logid": "",
    "optimized_model_filepath": "", "profile_file_prefix": "onnxruntime_profile_", "use_deterministic_compute": False,
}


class SessionOptions:
    """Same fields and defaults as the real class; unknown attributes are refused as pybind11 refuses them."""

    __slots__ = tuple(_OPTION_DEFAULTS) + ("_config_entries",)

    def __init__(self):
        for key, value in _OPTION_DEFAULTS.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "_config_entries", {})

    def __setattr__(self, key, value):
        kind = _OPTION_TYPES.get(key)
        if kind is None:
            raise AttributeError(f"'onnxruntime.capi.onnxruntime_pybind11_state.SessionOptions' object has no attribute '{key}'")
        if issubclass(kind, enum.IntEnum):
            if not isinstance(value, kind):
                raise TypeError(f"(): incompatible function arguments. The following argument types are supported:\n    1. (self: onnxruntime.capi.onnxruntime_pybind11_state.SessionOptions, arg0: onnxruntime.capi.onnxruntime_pybind11_state.{kind.__name__}) -> None")
        elif kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"(): incompatible function arguments for {key}: int expected, got {type(value).__name__}")
        elif kind is bool and not isinstance(value, bool):
            raise TypeError(f"(): incompatible function arguments for {key}: bool expected, got {type(value).__name__}")
        elif kind is str and not isinstance(value, str):
            raise TypeError(f"(): incompatible function arguments for {key}: str expected, got {type(value).__name__}")
        object.__setattr__(self, key, value)

    def add_session_config_entry(self, key, value):
        self._config_entries[str(key)] = str(value)

    def get_session_config_entry(self, key):
        if key not in self._config_entries:
            raise RuntimeException(f"SessionOptions does not have configuration with key: {key}")
        return self._config_entries[key]

    def add_free_dimension_override_by_name(self, name, value):
        self._config_entries[f"free_dim:{name}"] = str(value)

    def add_initializer(self, name, value):
        self._config_entries[f"initializer:{name}"] = "set"

    def register_custom_ops_library(self, path):
        self._config_entries[f"custom_ops:{path}"] = "registered"

    def _copy(self):
        copy = SessionOptions()
        for key in _OPTION_DEFAULTS:
            object.__setattr__(copy, key, getattr(self, key))
        object.__setattr__(copy, "_config_entries", dict(self._config_entries))
        return copy


class RunOptions:
    def __init__(self):
        self.log_severity_level = 2
        self.log_verbosity_level = 0
        self.logid = ""
        self.terminate = False
        self.only_execute_path_to_fetches = False


class NodeArg:
    def __init__(self, name, type_, shape):
        self.name, self.type, self.shape = name, type_, shape

    def __repr__(self):
        return f"NodeArg(name='{self.name}', type='{self.type}', shape={self.shape})"


class ModelMetadata:
    def __init__(self, producer_name="", graph_name="", domain="", description="", version=0, custom_metadata_map=None):
        self.producer_name, self.graph_name, self.domain = producer_name, graph_name, domain
        self.description, self.version = description, version
        self.custom_metadata_map = dict(custom_metadata_map or {})
        self.graph_description = ""


_ALL_PROVIDERS = [
    "TensorrtExecutionProvider", "CUDAExecutionProvider", "MIGraphXExecutionProvider", "ROCMExecutionProvider",
    "OpenVINOExecutionProvider", "DnnlExecutionProvider", "TvmExecutionProvider", "VitisAIExecutionProvider",
    "QNNExecutionProvider", "NnapiExecutionProvider", "JsExecutionProvider", "CoreMLExecutionProvider",
    "ArmNNExecutionProvider", "ACLExecutionProvider", "DmlExecutionProvider", "RknpuExecutionProvider",
    "WebNNExecutionProvider", "XnnpackExecutionProvider", "CANNExecutionProvider", "AzureExecutionProvider",
    "CPUExecutionProvider",
]


def get_all_providers():
    return list(_ALL_PROVIDERS)


def get_available_providers():
    # The GPU build lists CUDA whether or not its libraries can be loaded: only a session knows.
    return ["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"]


def get_device():
    return "GPU"


def get_build_info():
    return f"ORT Build Info: git-branch=rel-{_build.__version__}, build type=Release, cmake cxx flags: (lab stand-in)"


_logger = {"severity": 2, "verbosity": 0}
_LEVEL_LETTER = {0: "V", 1: "I", 2: "W", 3: "E", 4: "F"}


def set_default_logger_severity(level):
    if not isinstance(level, int) or not 0 <= level <= 4:
        raise ValueError("Invalid logging severity level: must be 0 (VERBOSE) to 4 (FATAL)")
    _logger["severity"] = level


def set_default_logger_verbosity(level):
    _logger["verbosity"] = int(level)


def log_default(severity, location, message):
    """Writes one line in the native default logger's format to stderr (where the real one writes)."""
    if severity < _logger["severity"]:
        return
    ns = time.time_ns()
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ns // 1_000_000_000)) + f".{ns % 1_000_000_000:09d}"
    sys.stderr.write(f"{stamp} [{_LEVEL_LETTER[severity]}:onnxruntime:Default, {location}] {message}\n")
    sys.stderr.flush()
