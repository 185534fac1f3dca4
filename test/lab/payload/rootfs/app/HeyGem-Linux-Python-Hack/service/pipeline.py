"""One frame pipeline: a producer process pushes frame batches through a bounded queue to a consumer process
that runs them through an ONNX Runtime session. The service keeps one pipeline per concurrent task.

The bound is what blocks: each time inference keeps the producer waiting PUT_TIMEOUT_S (for a queue slot or a
free shm buffer) the task has stalled; after MAX_STALLS it gives up with the service's queue-full error.
"""
import ctypes
import os
import queue
import signal
import sys
import time

import onnxruntime

from service import dhlog
from service.shm_pool import BufferPool, ShmBuffer

FRAME_BYTES = 1 << 20       # one decoded face crop + mask, as the producer hands it over
QUEUE_BATCHES = 4           # maxsize of the inter-process queue
POOL_BUFFERS = QUEUE_BATCHES + 2  # queued + one being inferred + one being filled
PUT_TIMEOUT_S = 0.5
MAX_STALLS = 5              # timeouts a task survives before it is declared blocked
PRODUCE_S_PER_FRAME = 0.006
WARMUP_FRAMES = 16
QUEUE_FULL = "任务视频驱动队列满，严重阻塞，下游队列异常"


def die_with_parent():
    # PR_SET_PDEATHSIG: a pipeline must not outlive the service that owns it (it holds GPU and shm).
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # exit through atexit: GPU records are removed
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def producer_main(pipe):
    die_with_parent()
    while True:
        job = pipe["task_q"].get()
        if job is None:
            return
        pipe["result_q"].put(produce(pipe, job))


def _take_message(pipe, pool, state, timeout):
    try:
        kind, detail = pipe["done_q"].get(timeout=timeout)
    except queue.Empty:
        return None
    if kind == "buf":
        pool.give_back(detail)
    elif kind == "error":
        state["error"] = detail
    return kind


def _acquire(pool, pipe, state, deadline, task_id):
    while True:
        while _take_message(pipe, pool, state, 0) is not None:
            pass  # buffers the consumer has finished with come first: reuse before growing
        buf = pool.try_take()
        if buf is not None:
            return buf
        if pool.enospc is not None and not state.get("enospc_logged"):
            dhlog.print_exception(pool.enospc)
            dhlog.log("ERROR", f"[{task_id}]共享内存分配失败: {pool.enospc}")
            state["enospc_logged"] = True
        remaining = deadline - time.time()
        if remaining <= 0 or pipe["abort"].is_set():
            return None
        _take_message(pipe, pool, state, min(remaining, 0.1))


def _stalled(pipe, state):
    """One more PUT_TIMEOUT_S without progress; past MAX_STALLS the task is declared blocked."""
    if pipe["abort"].is_set():
        return "aborted"
    state["stalls"] = state.get("stalls", 0) + 1
    return QUEUE_FULL if state["stalls"] >= MAX_STALLS else None


def produce(pipe, job):
    task_id, frames, batch = job["task_id"], job["frames"], job["batch_size"]
    dhlog.log("INFO", f"[{task_id}]任务视频驱动队列启动 batch_size:{batch}, len:{frames}")
    dhlog.say("drivered_video >>>>>>>>>>>>>>>>>>>> 开始循环")
    pool = BufferPool(batch * FRAME_BYTES, POOL_BUFFERS)
    sent, failure, state = 0, None, {"error": None}
    try:
        while sent < frames and failure is None and not pipe["abort"].is_set():
            count = min(batch, frames - sent)
            buf = _acquire(pool, pipe, state, time.time() + PUT_TIMEOUT_S, task_id)
            if buf is None:
                failure = _stalled(pipe, state)
                continue
            time.sleep(count * PRODUCE_S_PER_FRAME)
            buf.map[0:16] = sent.to_bytes(8, "little") + count.to_bytes(8, "little")
            while failure is None:
                try:
                    pipe["frame_q"].put((task_id, buf.name, count, sent), timeout=PUT_TIMEOUT_S)
                    break
                except queue.Full:
                    failure = _stalled(pipe, state)
            if failure is None:
                sent += count
                dhlog.say(f"drivered_video >>>>>>>>>>>>>>>>>>>> 发送数据大小:[{count}], current_idx:{sent}")
        if failure == QUEUE_FULL:
            dhlog.log("ERROR", f"[{task_id}]{failure}")
            pipe["abort"].set()
        pipe["frame_q"].put((task_id, None, 0, sent))  # end of task; the consumer drains what is queued
        while _take_message(pipe, pool, state, None) != "end":
            pass
    finally:
        pool.release()
    if failure or state["error"]:
        # the task's own error text; the queue-full line above is the signature, logged once per task
        return {"task_id": task_id, "ok": False, "error": state["error"] or "视频驱动队列阻塞"}
    return {"task_id": task_id, "ok": True, "frames": sent}


def consumer_main(pipe, model_path, batch_size):
    die_with_parent()
    dhlog.log("INFO", ">>> 数字人图片处理进程启动")
    started = time.time()
    session = onnxruntime.InferenceSession(model_path, providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
    for _ in range(max(1, WARMUP_FRAMES // batch_size)):
        session.run(None, {"input": [b""] * batch_size})
    dhlog.log("INFO", f">>> init_wh_process进程启动 providers:{session.get_providers()} cost:{time.time() - started:.2f}s")
    pipe["ready_q"].put(os.getpid())
    maps = {}
    while True:
        task_id, name, count, _ = pipe["frame_q"].get()
        if name is None:
            for buf in maps.values():
                buf.close()
            maps.clear()
            pipe["done_q"].put(("end", task_id))
            continue
        if not pipe["abort"].is_set():
            try:
                buf = maps.get(name) or maps.setdefault(name, ShmBuffer(0, name=name))
                with memoryview(buf.map) as view:
                    frames = [view[i * FRAME_BYTES:(i + 1) * FRAME_BYTES] for i in range(count)]
                    session.run(None, {"input": frames})
                    for frame in frames:
                        frame.release()
            except Exception as exc:  # noqa: BLE001 - any inference failure ends the task, as in production
                dhlog.print_exception(exc)
                pipe["abort"].set()
                pipe["done_q"].put(("error", str(exc).strip()))
        pipe["done_q"].put(("buf", name))
