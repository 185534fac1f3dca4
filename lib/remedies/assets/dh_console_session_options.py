"""Installed by DH Fleet Console (remedy "session-options"); remove this file and its .pth to undo.

HeyGem creates its ONNX Runtime sessions inside compiled modules, so their options cannot be edited in source.
This module is imported at interpreter start (through dh_console_session_options.pth) and, when `onnxruntime`
is imported, wraps InferenceSession so that every session gets the options below wherever the caller left the
default. Values come from dh_console_session_options.json beside this file.
"""
import importlib.abc
import json
import os
import sys

MARKER = "dh_console_session_options"
_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), MARKER + ".json")
_DEFAULTS = {
    "intra_op_num_threads": 1,
    "inter_op_num_threads": 1,
    "execution_mode": "ORT_SEQUENTIAL",
    "cuda": {
        "device_id": 0,
        "arena_extend_strategy": "kSameAsRequested",
        "gpu_mem_limit": 4 * 1024 * 1024 * 1024,
        "do_copy_in_default_stream": True,
    },
}


def load_config():
    try:
        with open(_CONFIG, encoding="utf-8") as f:
            cfg = json.load(f)
    except (OSError, ValueError):
        return dict(_DEFAULTS)
    merged = dict(_DEFAULTS)
    merged.update({k: v for k, v in cfg.items() if k in _DEFAULTS})
    return merged


def _cuda_options(cfg):
    return {k: str(v) if isinstance(v, bool) else v for k, v in cfg["cuda"].items()}


def _apply(ort, cfg, sess_options, providers, provider_options):
    if sess_options is None:
        sess_options = ort.SessionOptions()
    if not sess_options.intra_op_num_threads:
        sess_options.intra_op_num_threads = int(cfg["intra_op_num_threads"])
    if not sess_options.inter_op_num_threads:
        sess_options.inter_op_num_threads = int(cfg["inter_op_num_threads"])
    mode = getattr(ort.ExecutionMode, str(cfg["execution_mode"]), None)
    if mode is not None:
        sess_options.execution_mode = mode
    if providers is None:
        providers = [("CUDAExecutionProvider", _cuda_options(cfg)), "CPUExecutionProvider"]
    elif provider_options is None:
        providers = [
            ("CUDAExecutionProvider", _cuda_options(cfg)) if p == "CUDAExecutionProvider" else p for p in providers
        ]
    return sess_options, providers, provider_options


def patch(ort):
    base = ort.InferenceSession
    # Only a wrapper of our own at this level counts: one inherited from an inner wrapper (another start-up hook
    # re-imported us inside its own patch) must not stop ours from becoming the outer one.
    if base.__dict__.get("_dh_console_wrapped", False):
        return
    cfg = load_config()

    class InferenceSession(base):
        _dh_console_wrapped = True

        def __init__(self, path_or_bytes, sess_options=None, providers=None, provider_options=None, **kwargs):
            sess_options, providers, provider_options = _apply(ort, cfg, sess_options, providers, provider_options)
            super().__init__(path_or_bytes, sess_options, providers, provider_options, **kwargs)

    InferenceSession.__name__ = base.__name__
    InferenceSession.__qualname__ = base.__qualname__
    ort.InferenceSession = InferenceSession


class _Finder(importlib.abc.MetaPathFinder):
    """Patches onnxruntime right after it is first imported, without importing it early."""

    def find_spec(self, name, path=None, target=None):
        if name != "onnxruntime":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                loader = spec.loader
                original = loader.exec_module

                def exec_module(module, _original=original):
                    _original(module)
                    patch(module)

                loader.exec_module = exec_module
                return spec
        return None


if "onnxruntime" in sys.modules:
    patch(sys.modules["onnxruntime"])
elif not any(isinstance(f, _Finder) for f in sys.meta_path):
    sys.meta_path.insert(0, _Finder())
