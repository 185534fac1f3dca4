"""A Gradio 4 server for one Interface, on http.server: the routes @gradio/client 1.6 uses and nothing more.

GET /config, /info, /queue/status, /queue/data (SSE), /file=PATH; POST /upload, /queue/join, /reset, /cancel.
"""
import inspect
import json
import os
import signal
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from service import gradio_blocks as blocks
from service import multipart
from service.gradio_queue import EventQueue

HEARTBEAT_S = 15


class Interface:
    def __init__(self, fn, inputs, outputs, title="Gradio", on_shutdown=None):
        self.fn, self.inputs, self.output, self.title = fn, inputs, outputs, title
        self.parameter_names = list(inspect.signature(fn).parameters)
        self.concurrency, self.max_size, self.events = 1, None, None
        self.on_shutdown = on_shutdown

    def queue(self, default_concurrency_limit=1, max_size=None):
        self.concurrency, self.max_size = default_concurrency_limit, max_size
        return self

    def _run_event(self, event):
        body = event.body
        paths = []
        for value, comp in zip(body.get("data") or [], self.inputs):
            path = value.get("path") if isinstance(value, dict) else None
            if not path:
                raise blocks.Error(f"{comp.label}: no file given")
            real = os.path.realpath(path)
            if not real.startswith(os.path.realpath(blocks.temp_dir()) + os.sep) or not os.path.isfile(real):
                raise blocks.Error(f"File {path} is not in the upload folder and cannot be accessed.")
            paths.append(real)
        if len(paths) != len(self.inputs):
            raise blocks.Error(f"expected {len(self.inputs)} inputs, got {len(paths)}")
        result = blocks.cache_file(self.fn(*paths))
        return [{"video": blocks.file_data(result, event.root_url), "subtitles": None}]

    def launch(self, server_name="127.0.0.1", server_port=7860):
        self.events = EventQueue(self._run_event, self.concurrency, self.max_size)
        Handler.app = self
        server = ThreadingHTTPServer((server_name, server_port), Handler)
        server.daemon_threads = True

        def stop(*_):
            threading.Thread(target=server.shutdown, daemon=True).start()
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        print(f"Running on local URL:  http://{server_name}:{server_port}\n\nTo create a public link, set `share=True` in `launch()`.", flush=True)
        try:
            server.serve_forever(poll_interval=0.2)
        finally:
            server.server_close()
            if self.on_shutdown:
                self.on_shutdown()


class Handler(BaseHTTPRequestHandler):
    server_version = "uvicorn"
    sys_version = ""
    app = None

    def log_message(self, fmt, *args):
        pass  # uvicorn's access log is off in the service's launch

    def _json(self, status, payload):
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _root_url(self):
        return f"http://{self.headers.get('Host') or '%s:%d' % self.server.server_address[:2]}"

    def do_GET(self):
        url = urlsplit(self.path)
        route = unquote(url.path)
        if route == "/config":
            return self._json(200, dict(blocks.config(self.app), root=self._root_url()))
        if route == "/info":
            return self._json(200, blocks.api_info(self.app))
        if route == "/queue/status":
            return self._json(200, self.app.events.status())
        if route == "/queue/data":
            return self._stream(parse_qs(url.query).get("session_hash", [""])[0])
        if route.startswith("/file="):
            return self._file(route[len("/file="):])
        if route == "/":
            page = f"<!doctype html><html><head><title>{self.app.title}</title></head><body><h1>{self.app.title}</h1><p>Gradio {blocks.VERSION} (dh-lab)</p></body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            return self.wfile.write(page)
        return self._json(404, {"detail": "Not Found"})

    def do_POST(self):
        route = urlsplit(self.path).path
        try:
            body = multipart.read_body(self)
        except multipart.BodyTooLarge:
            return self._json(413, {"detail": "Request body too large"})
        if route == "/upload":
            return self._upload(body)
        if route == "/queue/join":
            try:
                payload = json.loads(body or b"{}")
            except ValueError:
                return self._json(422, {"detail": "invalid JSON body"})
            if payload.get("fn_index", 0) != 0 or not payload.get("session_hash"):
                return self._json(422, {"detail": "fn_index 0 and a session_hash are required"})
            event_id = self.app.events.join(str(payload["session_hash"]), payload, self._root_url())
            if event_id is None:
                return self._json(503, {"detail": "Queue is full."})
            return self._json(200, {"event_id": event_id})
        if route in ("/reset", "/cancel"):
            return self._json(200, {"success": True})
        return self._json(404, {"detail": "Not Found"})

    def _upload(self, body):
        try:
            parts = multipart.parse_form(self.headers.get("Content-Type"), body)
        except ValueError as exc:
            return self._json(400, {"detail": str(exc)})
        paths = []
        staging = os.path.join(blocks.temp_dir(), "upload-" + uuid.uuid4().hex)
        os.makedirs(blocks.temp_dir(), exist_ok=True)
        for field, filename, data in parts:
            if field != "files":
                continue
            name = os.path.basename((filename or "file").replace("\\", "/")) or "file"
            with open(staging, "wb") as fh:
                fh.write(data)
            final = blocks.cache_file(staging)
            target = os.path.join(os.path.dirname(final), name)
            os.replace(final, target)
            os.unlink(staging)
            paths.append(target)
        return self._json(200, paths)

    def _file(self, path):
        real = os.path.realpath(path)
        allowed = [os.path.realpath(blocks.temp_dir()) + os.sep]
        if not any(real.startswith(a) for a in allowed) or not os.path.isfile(real):
            return self._json(403 if os.path.exists(real) else 404, {"detail": "File not allowed: " + path})
        size = os.path.getsize(real)
        start, end, status = 0, size - 1, 200
        rng = self.headers.get("Range", "")
        if rng.startswith("bytes=") and "," not in rng:
            first, _, last = rng[6:].partition("-")
            if first:
                start, end = int(first), min(int(last) if last else size - 1, size - 1)
            elif last:
                start = max(0, size - int(last))
            status = 206
        self.send_response(status)
        self.send_header("Content-Type", "video/mp4" if real.endswith(".mp4") else "application/octet-stream")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(max(0, end - start + 1)))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        with open(real, "rb") as fh:
            fh.seek(start)
            remaining = end - start + 1
            while remaining > 0:
                chunk = fh.read(min(1 << 16, remaining))
                if not chunk:
                    break
                self.wfile.write(chunk)
                remaining -= len(chunk)

    def _stream(self, session_hash):
        session = self.app.events.session(session_hash)
        if session is None:
            return self._json(404, {"detail": "Session not found."})
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        last = time.time()
        try:
            while True:
                try:
                    message = session.messages.get(timeout=1.0)
                except Exception:  # queue.Empty
                    if time.time() - last < HEARTBEAT_S:
                        continue
                    message = {"msg": "heartbeat"}
                last = time.time()
                self._event(message)
                if message["msg"] == "process_completed" and not session.pending and session.messages.empty():
                    self._event({"msg": "close_stream"})
                    self.app.events.forget_if_idle(session_hash)
                    return
        except (BrokenPipeError, ConnectionResetError):
            return

    def _event(self, message):
        self.wfile.write(f"data: {json.dumps(message, ensure_ascii=False)}\n\n".encode("utf-8"))
        self.wfile.flush()
