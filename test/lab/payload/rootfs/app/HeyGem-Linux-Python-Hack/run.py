"""Command-line run of one task: `python run.py --audio_path A --video_path V` (also used by app.py)."""
import argparse
import os
import sys
import time
import uuid

APP_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, APP_DIR)

from service import dhlog  # noqa: E402


def process(task, task_id, audio_path, video_path):
    started = time.time()
    dhlog.log("INFO", f"任务:{task_id} -> audio_url:{audio_path}  video_url:{video_path}", dhlog.RUN)
    try:
        result = task.work(task_id, audio_path, video_path)
        dhlog.log("INFO", f"[{task_id}]任务执行成功 -> result:{result}", dhlog.RUN)
        return result
    except Exception as exc:
        if type(exc) is Exception:
            dhlog.print_exception(exc)  # the bare re-raise after a worker timeout: its chain is the evidence
        dhlog.log("ERROR", f"[{task_id}]任务执行失败，异常信息:[{exc}]", dhlog.RUN)
        raise
    finally:
        dhlog.log("INFO", f">>> 任务:{task_id} 耗时:{time.time() - started} ", dhlog.RUN)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--audio_path", required=True)
    parser.add_argument("--video_path", required=True)
    args = parser.parse_args()
    from service.trans_dh_service import TransDhTask

    config = dhlog.read_config(APP_DIR)
    dhlog.configure(APP_DIR, config)
    task = TransDhTask(APP_DIR, config, workers=1)
    try:
        task.wait_ready(120)
        print(process(task, str(uuid.uuid1()), args.audio_path, args.video_path))
        return 0
    except Exception:  # noqa: BLE001 - already logged
        return 1
    finally:
        task.shutdown()


if __name__ == "__main__":
    sys.exit(main())
