"""Frame buffers in shared memory (/dev/shm, or DH_SHM_DIR), as multiprocessing.shared_memory lays them out.

Space is reserved with posix_fallocate, so a full /dev/shm fails here with ENOSPC instead of a SIGBUS later.
"""
import errno
import mmap
import os
import secrets


def shm_dir():
    return os.environ.get("DH_SHM_DIR", "/dev/shm")


class ShmBuffer:
    def __init__(self, size, name=None):
        self.create = name is None
        self.name = name or f"psm_{secrets.token_hex(4)}"
        self.path = os.path.join(shm_dir(), self.name)
        flags = os.O_RDWR | (os.O_CREAT | os.O_EXCL if self.create else 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            if self.create:
                try:
                    os.posix_fallocate(fd, 0, size)
                except OSError as exc:
                    os.unlink(self.path)
                    raise OSError(exc.errno, os.strerror(exc.errno), self.path) from None
            self.size = os.fstat(fd).st_size
            self.map = mmap.mmap(fd, self.size)
        finally:
            os.close(fd)

    def close(self):
        try:
            self.map.close()
        except BufferError:
            pass

    def unlink(self):
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


class BufferPool:
    """A producer's buffers: reused once the consumer hands them back, grown up to `limit`."""

    def __init__(self, buffer_size, limit):
        self.buffer_size, self.limit = buffer_size, limit
        self.all, self.free = {}, []
        self.enospc = None

    def try_take(self):
        if self.free:
            return self.free.pop()
        if len(self.all) >= self.limit:
            return None
        try:
            buf = ShmBuffer(self.buffer_size)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
            self.enospc = exc
            return None
        self.all[buf.name] = buf
        return buf

    def give_back(self, name):
        if name in self.all:
            self.free.append(self.all[name])

    def release(self):
        for buf in self.all.values():
            buf.close()
            buf.unlink()
        self.all, self.free = {}, []
