"""A timeline GIF scaled down for a web page keeps every frame and its timing."""

from __future__ import annotations

import io

from PIL import Image

from wuzhen_geo.maps import smaller_gif


def _gif(width: int, frames: int) -> bytes:
    images = [Image.new("RGB", (width, width // 2), (i * 40 % 255, 0, 0)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, format="GIF", save_all=True, append_images=images[1:], duration=[500] * (frames - 1) + [1500],
                   loop=0)
    return out.getvalue()


def test_a_smaller_gif_keeps_its_frames_and_durations():
    small = smaller_gif(_gif(1920, 4), 1280)
    with Image.open(io.BytesIO(small)) as gif:
        assert gif.size == (1280, 640) and gif.n_frames == 4
        durations = []
        for i in range(gif.n_frames):
            gif.seek(i)
            durations.append(gif.info["duration"])
    assert durations == [500, 500, 500, 1500]
    narrow = _gif(800, 2)
    assert smaller_gif(narrow, 1280) == narrow
