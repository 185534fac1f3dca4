"""Lab stand-in for ONNX Runtime (pure Python): the API surface of the real package, behaviour modelled.

The real package cannot run here (no GPU, no network); this one answers the same calls and makes its effects
visible: a CUDA request checks the container's CUDA/cuDNN libraries and falls back to the CPU, logging what the
real build logs; sessions record their "GPU" use under the GPU directory so the host's nvidia-smi stand-in sees it.
"""
from onnxruntime.capi.build_and_package_info import __version__, cuda_version, cudnn_version, package_name  # noqa: F401
from onnxruntime.capi._pybind_state import (  # noqa: F401
    ExecutionMode,
    ExecutionOrder,
    GraphOptimizationLevel,
    ModelMetadata,
    NodeArg,
    RunOptions,
    SessionOptions,
    get_all_providers,
    get_available_providers,
    get_build_info,
    get_device,
    set_default_logger_severity,
    set_default_logger_verbosity,
)
from onnxruntime.capi.onnxruntime_inference_collection import InferenceSession  # noqa: F401
