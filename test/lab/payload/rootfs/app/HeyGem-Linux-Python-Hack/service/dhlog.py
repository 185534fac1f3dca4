"""The service's log: `[time] [file[line:N]] [LEVEL] [message]` into log/dh.log and stdout (/tmp/gradio.log).

Production logs through a helper whose own location (process.py line 108, run.py line 184) appears on every line;
so do these. Tracebacks from the compiled modules show Cython-style frames (`trans_dh_service.TransDhTask.work`).
"""
import configparser
import linecache
import os
import sys
import time
import traceback

PROCESS = "process.py[line:108]"
RUN = "run.py[line:184]"
_SERVICE_DIR = os.path.dirname(os.path.abspath(__file__))
_path = {}


def configure(app_dir, config):
    log_dir = os.path.join(app_dir, config.get("log", "log_dir", fallback="./log"))
    os.makedirs(log_dir, exist_ok=True)
    _path["file"] = os.path.join(log_dir, config.get("log", "log_file", fallback="dh.log"))


def log(level, message, where=PROCESS):
    line = f"[{time.strftime('%Y-%m-%d %H:%M:%S')}] [{where}] [{level}] [{message}]\n"
    if "file" in _path:
        # One write per line with O_APPEND: lines of concurrent processes never interleave.
        fd = os.open(_path["file"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
    sys.stdout.write(line)
    sys.stdout.flush()


def say(text):
    """Bare prints the compiled code makes (they only reach /tmp/gradio.log)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def format_exception(exc):
    chain, seen = [], exc
    while seen is not None:
        chain.append(seen)
        seen = seen.__cause__ or (None if seen.__suppress_context__ else seen.__context__)
    parts = []
    for i, item in enumerate(reversed(chain)):
        if i:
            parts.append("\nDuring handling of the above exception, another exception occurred:\n\n")
        parts.append("Traceback (most recent call last):\n")
        tb = item.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            if os.path.dirname(os.path.abspath(code.co_filename)) == _SERVICE_DIR:
                module = os.path.splitext(os.path.basename(code.co_filename))[0]
                parts.append(f'  File "{module}.py", line {tb.tb_lineno}, in {module}.{code.co_qualname}\n')
            else:
                parts.append(f'  File "{code.co_filename}", line {tb.tb_lineno}, in {code.co_name}\n')
                source = linecache.getline(code.co_filename, tb.tb_lineno).strip()
                if source:
                    parts.append(f"    {source}\n")
            tb = tb.tb_next
        parts.extend(traceback.format_exception_only(type(item), item))
    return "".join(parts)


def print_exception(exc):
    sys.stderr.write(format_exception(exc) + "\n")
    sys.stderr.flush()


def read_config(app_dir):
    config = configparser.ConfigParser()
    config.read(os.path.join(app_dir, "config", "config.ini"), encoding="utf-8")
    return config
