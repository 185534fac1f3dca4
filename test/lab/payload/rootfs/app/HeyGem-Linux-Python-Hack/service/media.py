"""Frame counts from the inputs, with the standard library only (no ffmpeg in the image)."""
import struct
import wave

FPS = 25


def _mp4_duration(path):
    # Walk the top-level boxes to moov/mvhd: timescale and duration give the length in seconds.
    with open(path, "rb") as fh:
        data = fh.read(64 << 20)
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[pos + 8:pos + 16])[0], 16
        if size < header:
            break
        if kind == b"moov":
            inner = data[pos + header:pos + size]
            at = inner.find(b"mvhd")
            if at < 4:
                return None
            box = inner[at + 4:]
            if box[0] == 1:
                timescale, duration = struct.unpack(">IQ", box[20:32])
            else:
                timescale, duration = struct.unpack(">II", box[12:20])
            return duration / timescale if timescale else None
        pos += size
    return None


def _wav_duration(path):
    with wave.open(path, "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


def frame_count(video_path, audio_path):
    """Frames to render: the audio's length drives the video (at 25 fps), the video's length when audio is unreadable."""
    for probe, path in ((_wav_duration, audio_path), (_mp4_duration, video_path)):
        try:
            seconds = probe(path)
        except (OSError, EOFError, wave.Error, struct.error, IndexError):
            seconds = None
        if seconds:
            return max(1, min(int(round(seconds * FPS)), 3000))
    return 75
