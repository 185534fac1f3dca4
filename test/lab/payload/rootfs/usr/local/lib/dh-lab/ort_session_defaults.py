"""Reference session-options hook (the lab's; the console installs its own): every onnxruntime.InferenceSession
created in this interpreter gets the remediation's options where its caller gave none.

Enabled by a `.pth` file in the env's site-packages (see enable-ort-defaults.sh) whose lines are this directory
and `import ort_session_defaults`; removing that file undoes it. The patch is applied when onnxruntime is first
imported, so code that does `from onnxruntime import InferenceSession` afterwards gets it too.
"""
import importlib.abc
import sys

INTRA_OP_THREADS = 1
INTER_OP_THREADS = 1
CUDA_OPTIONS = {"device_id": 0, "arena_extend_strategy": "kSameAsRequested",
                "gpu_mem_limit": 4 * 1024 * 1024 * 1024, "do_copy_in_default_stream": True}


def _patch(ort):
    original = ort.InferenceSession
    if getattr(original, "__dh_lab_session_defaults__", False):
        return

    class InferenceSession(original):
        __dh_lab_session_defaults__ = True

        def __init__(self, path_or_bytes, sess_options=None, providers=None, provider_options=None, **kwargs):
            if sess_options is None:
                sess_options = ort.SessionOptions()
                sess_options.intra_op_num_threads = INTRA_OP_THREADS
                sess_options.inter_op_num_threads = INTER_OP_THREADS
                sess_options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            if providers is None:
                providers = ["CUDAExecutionProvider", "CPUExecutionProvider"]
            if provider_options is None:
                providers = [("CUDAExecutionProvider", dict(CUDA_OPTIONS)) if p == "CUDAExecutionProvider" else p
                             for p in providers]
            super().__init__(path_or_bytes, sess_options, providers, provider_options, **kwargs)

    InferenceSession.__name__ = InferenceSession.__qualname__ = "InferenceSession"
    ort.InferenceSession = InferenceSession


class _PatchOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname != "onnxruntime":
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            _patch(module)
        spec.loader.exec_module = exec_and_patch
        return spec


import importlib.util  # noqa: E402

if "onnxruntime" in sys.modules:
    _patch(sys.modules["onnxruntime"])
elif not any(isinstance(f, _PatchOnImport) for f in sys.meta_path):
    sys.meta_path.insert(0, _PatchOnImport())
