"""TransDhTask: owns the frame pipelines (started once, with the service) and runs one task on a free pipeline."""
import multiprocessing
import os
import queue
import shutil
import time

from service import dhlog, media, pipeline

READY_TIMEOUT_S = 1.5   # how long a task waits for its pipeline's worker to finish initialising
TASK_TIMEOUT_S = 300


class Pipeline:
    def __init__(self, ctx, index, model_path, batch_size):
        self.index = index
        self.ready = False
        self.q = {
            "task_q": ctx.Queue(), "result_q": ctx.Queue(), "done_q": ctx.Queue(), "ready_q": ctx.Queue(),
            "frame_q": ctx.Queue(maxsize=pipeline.QUEUE_BATCHES), "abort": ctx.Event(),
        }
        self.producer = ctx.Process(target=pipeline.producer_main, args=(self.q,), daemon=True, name=f"dh-producer-{index}")
        self.consumer = ctx.Process(target=pipeline.consumer_main, args=(self.q, model_path, batch_size), daemon=True, name=f"dh-worker-{index}")
        self.consumer.start()
        self.producer.start()

    def stop(self):
        for proc in (self.producer, self.consumer):
            if proc.is_alive():
                proc.terminate()
        for proc in (self.producer, self.consumer):
            proc.join(timeout=2)


class TransDhTask:
    def __init__(self, app_dir, config, workers):
        dhlog.log("INFO", "TransDhTask init", dhlog.RUN)
        self.app_dir = app_dir
        self.batch_size = config.getint("digital", "batch_size", fallback=4)
        self.temp_dir = os.path.join(app_dir, config.get("temp", "temp_dir", fallback="./temp"))
        self.clean_temp = config.getint("temp", "clean_switch", fallback=1) == 1
        self.result_dir = os.path.join(app_dir, config.get("result", "result_dir", fallback="./result"))
        os.makedirs(self.temp_dir, exist_ok=True)
        os.makedirs(self.result_dir, exist_ok=True)
        model = os.path.join(app_dir, "models", "dinet_v1_20240131.onnx")
        # fork now, while the service is still single-threaded; the pipelines inherit the imported onnxruntime
        ctx = multiprocessing.get_context("fork")
        self.pipelines = [Pipeline(ctx, i, model, self.batch_size) for i in range(workers)]
        self.free = queue.Queue()
        for p in self.pipelines:
            self.free.put(p)

    def wait_ready(self, timeout):
        for p in self.pipelines:
            if not p.ready:
                p.q["ready_q"].get(timeout=timeout)
                p.ready = True

    def shutdown(self):
        for p in self.pipelines:
            p.stop()

    def preprocess(self, task_id, audio_path, video_path):
        started = time.time()
        video_fmt = os.path.join(self.temp_dir, f"{task_id}_format.mp4")
        audio_fmt = os.path.join(self.temp_dir, f"{task_id}_format.wav")
        dhlog.log("INFO", f"[{task_id}] -> ffmpeg video: ffmpeg -loglevel warning -i {video_path} -crf 15 -vcodec copy -an -y {video_fmt}", dhlog.RUN)
        shutil.copyfile(video_path, video_fmt)
        dhlog.log("INFO", f"[{task_id}] -> ffmpeg audio: ffmpeg -loglevel warning -i {audio_path} -ac 1 -ar 16000 -acodec pcm_s16le -y  {audio_fmt}", dhlog.RUN)
        shutil.copyfile(audio_path, audio_fmt)
        dhlog.log("INFO", f"[{task_id}] -> 预处理耗时:{time.time() - started}s", dhlog.RUN)
        frames = media.frame_count(video_fmt, audio_fmt)
        dhlog.say(f">>> {frames}   {media.FPS}")
        return video_fmt, audio_fmt, frames

    def work(self, task_id, audio_path, video_path):
        """Runs one task to its result video; raises when it fails (the caller logs 任务执行失败)."""
        video_fmt, audio_fmt, frames = self.preprocess(task_id, audio_path, video_path)
        pipe = self.free.get()
        try:
            if not pipe.ready:
                try:
                    pipe.q["ready_q"].get(timeout=READY_TIMEOUT_S)
                except Exception:
                    dhlog.print_exception(_current())
                    raise Exception()
                pipe.ready = True
            pipe.q["abort"].clear()
            pipe.q["task_q"].put({"task_id": task_id, "frames": frames, "batch_size": self.batch_size})
            result = pipe.q["result_q"].get(timeout=TASK_TIMEOUT_S)
        finally:
            self.free.put(pipe)
            if self.clean_temp:
                for path in (video_fmt, audio_fmt):
                    if os.path.exists(path):
                        os.unlink(path)
        if not result["ok"]:
            raise RuntimeError(result["error"])
        out = os.path.join(self.result_dir, f"{task_id}-r.mp4")
        shutil.copyfile(video_path, out)  # the lip-synced video; here the input, re-muxed unchanged
        return out


def _current():
    import sys
    return sys.exc_info()[1]
