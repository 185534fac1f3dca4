"""HeyGem digital-human service (lab build): upload an audio and a video of a face, get the lip-synced video.

Started as `nohup python app.py > /tmp/gradio.log 2>&1 &` in the `human` conda env. Listens on
GRADIO_SERVER_NAME:GRADIO_SERVER_PORT (default 0.0.0.0:7860).
"""
import os
import sys
import uuid

import onnxruntime  # noqa: F401 - loaded once here; the pipelines forked below keep this version until a restart

APP_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, APP_DIR)

from service import dhlog  # noqa: E402
from service.gradio_blocks import Error, File, Video  # noqa: E402
from service.gradio_server import Interface  # noqa: E402
from service.trans_dh_service import TransDhTask  # noqa: E402
import run  # noqa: E402

# Three tasks at once on one GPU (production raised Gradio's default of one), at most five more waiting.
CONCURRENCY = 3
MAX_QUEUE = 5

config = dhlog.read_config(APP_DIR)
dhlog.configure(APP_DIR, config)
task = TransDhTask(APP_DIR, config, workers=CONCURRENCY)


def generate(audio_file, video_file):
    task_id = str(uuid.uuid1())
    try:
        return run.process(task, task_id, audio_file, video_file)
    except Exception as exc:  # noqa: BLE001
        raise Error(f"[{task_id}]任务执行失败，异常信息:[{exc}]") from None


if __name__ == "__main__":
    demo = Interface(
        fn=generate,
        inputs=[File(label="上传音频文件/upload audio file"), File(label="上传视频文件/upload video file")],
        outputs=Video(label="生成的视频/generated video"),
        title="数字人视频生成/Digital Human Video Generation",
        on_shutdown=task.shutdown,
    )
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=MAX_QUEUE).launch(
        server_name=os.environ.get("GRADIO_SERVER_NAME", "0.0.0.0"),
        server_port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
    )
