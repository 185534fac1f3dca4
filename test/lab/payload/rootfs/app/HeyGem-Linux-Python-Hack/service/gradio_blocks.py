"""The `gr.Interface` the service declares (two gr.File inputs, one gr.Video output) and its Gradio 4.44 config."""
import hashlib
import os
import shutil

VERSION = "4.44.1"


class Error(Exception):
    """gr.Error: its message is shown to the client."""
    gradio_error = True


class File:
    def __init__(self, label):
        self.type, self.label = "file", label

    def props(self):
        return {"label": self.label, "file_count": "single", "file_types": None, "type": "filepath",
                "show_label": True, "interactive": True, "visible": True, "name": "file"}


class Video:
    def __init__(self, label):
        self.type, self.label = "video", label

    def props(self):
        return {"label": self.label, "format": "mp4", "autoplay": False, "show_label": True, "interactive": False,
                "visible": True, "name": "video"}


def temp_dir():
    return os.environ.get("GRADIO_TEMP_DIR", "/tmp/gradio")


def cache_file(path):
    """Copies a file into Gradio's cache, under a folder named by its content hash, as Gradio 4 does."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    folder = os.path.join(temp_dir(), digest.hexdigest()[:40])
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, os.path.basename(path))
    if not os.path.exists(target):
        shutil.copyfile(path, target)
    return target


def file_data(path, root_url):
    return {"path": path, "url": f"{root_url}/file={path}", "size": os.path.getsize(path),
            "orig_name": os.path.basename(path), "mime_type": None, "is_stream": False,
            "meta": {"_type": "gradio.FileData"}}


def config(interface):
    components = []
    for i, comp in enumerate(interface.inputs + [interface.output], start=1):
        components.append({"id": i, "type": comp.type, "props": comp.props(), "skip_api": False,
                           "component_class_id": hashlib.md5(comp.type.encode()).hexdigest(), "key": None})
    button = len(components) + 1
    components.append({"id": button, "type": "button", "props": {"value": "Submit", "variant": "primary", "name": "button"},
                       "skip_api": True, "component_class_id": "button", "key": None})
    dependency = {
        "id": 0, "targets": [[button, "click"]], "inputs": [1, 2], "outputs": [3], "backend_fn": True, "js": None,
        "queue": None, "api_name": "predict", "scroll_to_output": True, "show_progress": "full", "every": None,
        "batch": False, "max_batch_size": 4, "cancels": [], "types": {"continuous": False, "generator": False, "cancel": False},
        "collects_event_data": False, "trigger_after": None, "trigger_only_on_success": False, "trigger_mode": "once",
        "show_api": True, "zerogpu": False, "rendered_in": None, "connection": "sse", "time_limit": None,
        "stream_every": 0.5, "like_user_message": False, "event_specific_args": None, "concurrency_limit": interface.concurrency,
    }
    return {
        "version": VERSION, "mode": "interface", "app_id": 0, "dev_mode": False, "analytics_enabled": False,
        "components": components, "css": None, "connect_heartbeat": False, "js": None, "head": None,
        "title": interface.title, "space_id": None, "enable_queue": True, "show_error": True, "show_api": True,
        "is_colab": False, "max_file_size": None, "stylesheets": [], "theme": "default", "protocol": "sse_v3",
        "body_css": {}, "fill_height": False, "fill_width": False, "layout": {"id": 0, "children": [{"id": c["id"]} for c in components]},
        "dependencies": [dependency], "root": "", "username": None,
    }


def api_info(interface):
    file_type = {"properties": {"path": {"type": "string"}, "url": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                                "size": {"anyOf": [{"type": "integer"}, {"type": "null"}]}, "orig_name": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                                "mime_type": {"anyOf": [{"type": "string"}, {"type": "null"}]}, "is_stream": {"type": "boolean"},
                                "meta": {"type": "object"}}, "required": ["path"], "title": "FileData", "type": "object"}
    params = [{"label": comp.label, "parameter_name": name, "parameter_has_default": False, "parameter_default": None,
               "type": file_type, "python_type": {"type": "filepath", "description": ""}, "component": "File",
               "example_input": {"path": "example/sample_file", "meta": {"_type": "gradio.FileData"}, "orig_name": "sample_file"}}
              for comp, name in zip(interface.inputs, interface.parameter_names)]
    returns = [{"label": interface.output.label, "type": {"properties": {"video": file_type, "subtitles": {"anyOf": [file_type, {"type": "null"}]}},
                "required": ["video"], "type": "object"}, "python_type": {"type": "Dict(video: filepath, subtitles: filepath | None)", "description": ""},
                "component": "Video"}]
    return {"named_endpoints": {"/predict": {"parameters": params, "returns": returns, "show_api": True}}, "unnamed_endpoints": {}}
