#!/usr/bin/env python3
"""index_server.py --root DIR --host H --port P [--log FILE] — a PEP 503 simple index over the files in DIR.

`/simple/` lists projects, `/simple/<project>/` links every distribution file with its `#sha256=` fragment,
`/files/<name>` serves it. Enough for `pip install onnxruntime-gpu==1.16.0 -i http://H:P/simple/` to download and
install, and for an unknown version to fail exactly as pip fails against any index. Logs only to --log.
"""
import argparse
import hashlib
import html
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

DIST_RE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._]*?)-(?P<version>\d[^-]*)(-.+\.whl|\.tar\.gz|\.zip)$")


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


class Index:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        self._hashes = {}

    def projects(self):
        found = {}
        for name in sorted(os.listdir(self.root)):
            match = DIST_RE.match(name)
            if match and os.path.isfile(os.path.join(self.root, name)):
                found.setdefault(normalize(match["name"]), []).append(name)
        return found

    def sha256(self, name):
        path = os.path.join(self.root, name)
        key = (name, os.stat(path).st_mtime_ns)
        if key not in self._hashes:
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
            self._hashes[key] = digest.hexdigest()
        return self._hashes[key]


def page(title, links):
    body = "\n".join(f'    <a href="{html.escape(href)}"{extra}>{html.escape(text)}</a><br/>' for href, text, extra in links)
    return (f"<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"1.0\">\n"
            f"    <title>{html.escape(title)}</title>\n  </head>\n  <body>\n    <h1>{html.escape(title)}</h1>\n{body}\n  </body>\n</html>\n").encode()


class Handler(BaseHTTPRequestHandler):
    server_version = "dh-lab-index/1.0"
    index = None
    log_file = None

    def log_message(self, fmt, *args):
        if self.log_file:
            self.log_file.write("%s - [%s] %s\n" % (self.client_address[0], self.log_date_time_string(), fmt % args))
            self.log_file.flush()

    def _send(self, status, body, content_type="text/html; charset=utf-8", head=False):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head=False):
        path = unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        projects = self.index.projects()
        if path in ("/", "/simple", "/simple/"):
            if path != "/simple/":
                return self._redirect("/simple/")
            links = [(f"/simple/{p}/", p, "") for p in sorted(projects)]
            return self._send(200, page("Simple index", links), head=head)
        match = re.fullmatch(r"/simple/([^/]+)/?", path)
        if match:
            project = normalize(match[1])
            if project not in projects:
                return self._send(404, b"Not Found\n", "text/plain", head)
            if path != f"/simple/{project}/":
                return self._redirect(f"/simple/{project}/")
            links = [(f"/files/{n}#sha256={self.index.sha256(n)}", n, ' data-requires-python="&gt;=3.8"') for n in projects[project]]
            return self._send(200, page(f"Links for {project}", links), head=head)
        match = re.fullmatch(r"/files/([^/]+)", path)
        if match and any(match[1] in names for names in projects.values()):
            with open(os.path.join(self.index.root, match[1]), "rb") as fh:
                data = fh.read()
            return self._send(200, data, "application/octet-stream", head)
        return self._send(404, b"Not Found\n", "text/plain", head)

    def _redirect(self, location):
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3141)
    parser.add_argument("--log", help="access log file (default: no log)")
    args = parser.parse_args()
    if not os.path.isdir(args.root):
        parser.error(f"--root {args.root}: not a directory")
    Handler.index = Index(args.root)
    Handler.log_file = open(args.log, "a", encoding="utf-8") if args.log else None
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
