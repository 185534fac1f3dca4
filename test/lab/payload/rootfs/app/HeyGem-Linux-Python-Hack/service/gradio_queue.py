"""Gradio 4's event queue (`demo.queue(default_concurrency_limit=..., max_size=...)`), with its SSE messages.

Events join per session; a dispatcher starts them while fewer than `concurrency` run; every session's messages
(estimation, process_starts, process_completed, heartbeat, close_stream) wait in its own queue for /queue/data.
"""
import queue
import threading
import time
import traceback
import uuid


class Session:
    def __init__(self):
        self.messages = queue.Queue()
        self.pending = set()


class Event:
    def __init__(self, session_hash, body, root_url):
        self.id = uuid.uuid4().hex
        self.session_hash = session_hash
        self.body = body
        self.root_url = root_url


class EventQueue:
    def __init__(self, handler, concurrency, max_size):
        self.handler, self.concurrency, self.max_size = handler, concurrency, max_size
        self.cond = threading.Condition()
        self.waiting, self.active = [], 0
        self.sessions = {}
        self.durations = []
        threading.Thread(target=self._dispatch, name="gradio-queue", daemon=True).start()

    def session(self, session_hash):
        with self.cond:
            return self.sessions.get(session_hash)

    def forget_if_idle(self, session_hash):
        """Drops a session whose stream closed with nothing pending (a later join creates it again)."""
        with self.cond:
            session = self.sessions.get(session_hash)
            if session is not None and not session.pending and session.messages.empty():
                del self.sessions[session_hash]

    def status(self):
        with self.cond:
            return {"msg": "estimation", "rank": None, "queue_size": len(self.waiting), "rank_eta": None}

    def join(self, session_hash, body, root_url):
        with self.cond:
            if self.max_size is not None and len(self.waiting) >= self.max_size:
                return None
            event = Event(session_hash, body, root_url)
            session = self.sessions.setdefault(session_hash, Session())
            session.pending.add(event.id)
            self.waiting.append(event)
            self._broadcast_estimations()
            self.cond.notify_all()
            return event.id

    def _average(self):
        return sum(self.durations[-20:]) / len(self.durations[-20:]) if self.durations else None

    def _broadcast_estimations(self):
        average = self._average()
        for rank, event in enumerate(self.waiting):
            eta = None if average is None else average * (rank // self.concurrency + 1)
            self._send(event, {"msg": "estimation", "rank": rank, "queue_size": len(self.waiting), "rank_eta": eta})

    def _send(self, event, message):
        session = self.sessions.get(event.session_hash)
        if session is not None:
            session.messages.put(dict(message, event_id=event.id))

    def _dispatch(self):
        while True:
            with self.cond:
                while not self.waiting or self.active >= self.concurrency:
                    self.cond.wait()
                event = self.waiting.pop(0)
                self.active += 1
                self._broadcast_estimations()
            threading.Thread(target=self._process, args=(event,), name=f"gradio-event-{event.id[:8]}", daemon=True).start()

    def _process(self, event):
        started = time.time()
        with self.cond:
            self._send(event, {"msg": "process_starts", "eta": self._average()})
        try:
            data = self.handler(event)
            duration = time.time() - started
            with self.cond:
                self.durations.append(duration)
                output = {"data": data, "is_generating": False, "duration": duration,
                          "average_duration": self._average(), "render_config": None, "changed_state_ids": []}
                message = {"msg": "process_completed", "output": output, "success": True}
        except Exception as exc:  # noqa: BLE001 - any failure of the function is the event's failure
            if not getattr(exc, "gradio_error", False):  # gr.Error is the app's own message: not a crash
                traceback.print_exc()
            message = {"msg": "process_completed", "output": {"error": str(exc) or None}, "success": False}
        with self.cond:
            self.active -= 1
            session = self.sessions.get(event.session_hash)
            if session is not None:
                session.pending.discard(event.id)
            self._send(event, message)
            self.cond.notify_all()
