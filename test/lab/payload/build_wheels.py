#!/usr/bin/env python3
"""build_wheels.py OUTDIR VERSION... — real `onnxruntime_gpu-<V>-py3-none-any.whl` files of the lab's stand-in.

Each wheel holds the pure-Python package in ./ort/onnxruntime plus a generated build_and_package_info.py saying which
CUDA/cuDNN that version was built for. Builds are byte-for-byte reproducible (fixed timestamps and order), so the
image cache and the index's sha256 fragments stay stable.
"""
import base64
import hashlib
import os
import re
import sys
import zipfile

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ort")
EPOCH = (2024, 1, 1, 0, 0, 0)
SUMMARY = "ONNX Runtime is a runtime accelerator for Machine Learning models"


def cuda_build(version):
    """The CUDA/cuDNN a given onnxruntime-gpu release needs (the 1.18.0 modelled as the CUDA 12 / cuDNN 9 build)."""
    major, minor = (int(x) for x in version.split(".")[:2])
    if (major, minor) < (1, 15):
        return "11.6", "8.5"
    if (major, minor) < (1, 18):
        return "11.8", "8.9"
    return "12.4", "9.1"


def _files(version):
    cuda, cudnn = cuda_build(version)
    yield "onnxruntime/capi/build_and_package_info.py", (
        f'package_name = "onnxruntime-gpu"\n__version__ = "{version}"\n'
        f'cuda_version = "{cuda}"\ncudnn_version = "{cudnn}"\n').encode()
    for root, dirs, names in os.walk(SOURCE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                with open(path, "rb") as fh:
                    yield os.path.relpath(path, SOURCE).replace(os.sep, "/"), fh.read()


def _record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build(outdir, version):
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise SystemExit(f"build_wheels: not a release version: {version!r}")
    dist_info = f"onnxruntime_gpu-{version}.dist-info"
    cuda, cudnn = cuda_build(version)
    meta = {
        f"{dist_info}/METADATA": (
            f"Metadata-Version: 2.1\nName: onnxruntime-gpu\nVersion: {version}\nSummary: {SUMMARY}\n"
            "Home-page: https://onnxruntime.ai\nAuthor: Microsoft Corporation\nAuthor-email: onnxruntime@microsoft.com\n"
            "License: MIT License\nDownload-URL: https://github.com/microsoft/onnxruntime/tags\n"
            "Keywords: onnx machine learning\nClassifier: Programming Language :: Python :: 3\n"
            f"Requires-Python: >=3.8\n\nLab stand-in of onnxruntime-gpu {version} (built for CUDA {cuda}, cuDNN {cudnn}).\n"
        ).encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: dh-lab build_wheels.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist_info}/top_level.txt": b"onnxruntime\n",
    }
    entries = list(_files(version)) + sorted(meta.items())
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))
    os.makedirs(outdir, exist_ok=True)
    target = os.path.join(outdir, f"onnxruntime_gpu-{version}-py3-none-any.whl")
    tmp = target + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as whl:
        for name, data in entries:
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
    os.replace(tmp, target)
    return target


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    for version in argv[1:]:
        print(build(argv[0], version))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
