"""Request bodies: Content-Length or chunked, and multipart/form-data split into its parts."""
import re

MAX_BODY = 1 << 30


class BodyTooLarge(Exception):
    pass


def read_body(handler):
    length = handler.headers.get("Content-Length")
    if length is not None:
        size = int(length)
        if size > MAX_BODY:
            raise BodyTooLarge()
        return handler.rfile.read(size)
    if "chunked" in handler.headers.get("Transfer-Encoding", "").lower():
        parts, total = [], 0
        while True:
            line = handler.rfile.readline(1024)
            size = int(line.split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while handler.rfile.readline(1024).strip():
                    pass  # trailers
                return b"".join(parts)
            total += size
            if total > MAX_BODY:
                raise BodyTooLarge()
            parts.append(handler.rfile.read(size))
            handler.rfile.readline(16)
    return b""


def parse_form(content_type, body):
    """[(field name, file name or None, bytes)] of a multipart/form-data body."""
    match = re.search(r'boundary="?([^";]+)"?', content_type or "")
    if not match:
        raise ValueError("multipart boundary missing")
    delimiter = b"--" + match[1].encode("latin-1")
    parts = []
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, data = chunk.partition(b"\r\n\r\n")
        headers = head.decode("utf-8", "replace")
        name = re.search(r'\bname="([^"]*)"', headers)
        filename = re.search(r'\bfilename="([^"]*)"', headers)
        if data.endswith(b"\r\n"):
            data = data[:-2]
        parts.append((name[1] if name else "", filename[1] if filename else None, data))
    return parts
