"""Re-exports the native layer, as the real `onnxruntime.capi._pybind_state` does."""
from onnxruntime.capi.onnxruntime_pybind11_state import *  # noqa: F401,F403
