"""Which CUDA/cuDNN libraries this build needs, and whether the dynamic loader would find them here."""
import glob
import os

from onnxruntime.capi import build_and_package_info as _build

_DEFAULT_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]


def required_libraries():
    """In the order the loader meets them resolving libonnxruntime_providers_cuda.so (cuDNN first, as reported)."""
    cuda_major = _build.cuda_version.split(".")[0]
    cudnn_major = _build.cudnn_version.split(".")[0]
    if cuda_major == "11":
        return [f"libcudnn.so.{cudnn_major}", "libcublasLt.so.11", "libcublas.so.11", "libcudart.so.11.0",
                "libcufft.so.10", "libcurand.so.10"]
    return [f"libcudnn.so.{cudnn_major}", "libcublasLt.so.12", "libcublas.so.12", "libcudart.so.12",
            "libcufft.so.11", "libcurand.so.10"]


def _search_dirs():
    dirs = [d for d in os.environ.get("LD_LIBRARY_PATH", "").split(":") if d]
    for conf in sorted(glob.glob("/etc/ld.so.conf.d/*.conf")):
        try:
            with open(conf, encoding="utf-8") as fh:
                dirs += [line.strip() for line in fh if line.strip().startswith("/")]
        except OSError:
            continue
    return dirs + _DEFAULT_DIRS


def first_missing_library():
    """Name of the first library the loader cannot open, or None when all are present."""
    dirs = _search_dirs()
    for name in required_libraries():
        if not any(os.path.exists(os.path.join(d, name)) for d in dirs):
            return name
    return None
