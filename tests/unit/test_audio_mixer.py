"""The mixer: overlapping sounds sum, sums saturate, volume and mute, delays and cancelling."""

from __future__ import annotations

import threading
from array import array

import pytest

from freefeet_tui.audio.mixer import (
    INT16_MAX,
    INT16_MIN,
    Mixer,
    Sound,
    clip_int16,
    sum_clip,
    volume_gain,
)
from freefeet_tui.audio.tones import SAMPLE_RATE


def sound(values: list[int], name: str = "s") -> Sound:
    return Sound(name, array("h", values))


def test_one_sound_at_full_volume_comes_out_unchanged_then_silence() -> None:
    mixer = Mixer(volume=1.0)
    mixer.add(sound([100, -200, 300]))
    assert list(mixer.mix(5)) == [100, -200, 300, 0, 0]
    assert not mixer.busy
    assert list(mixer.mix(3)) == [0, 0, 0]
    assert mixer.frames_out == 8


def test_a_sound_spans_several_output_buffers() -> None:
    mixer = Mixer(volume=1.0)
    mixer.add(sound(list(range(1, 11))))
    assert list(mixer.mix(4)) == [1, 2, 3, 4]
    assert list(mixer.mix(4)) == [5, 6, 7, 8]
    assert list(mixer.mix(4)) == [9, 10, 0, 0]


def test_overlapping_sounds_are_summed() -> None:
    mixer = Mixer(volume=1.0)
    mixer.add(sound([1000, 1000, 1000, 1000]))
    mixer.add(sound([-300, 500]))
    mixer.add(sound([7, 7, 7]))
    assert list(mixer.mix(5)) == [707, 1507, 1007, 1000, 0]


def test_sums_beyond_16_bits_are_clipped_not_wrapped() -> None:
    mixer = Mixer(volume=1.0)
    mixer.add(sound([30000, -30000, 20000]))
    mixer.add(sound([30000, -30000, 10000]))
    assert list(mixer.mix(3)) == [INT16_MAX, INT16_MIN, 30000]


def test_clip_helpers() -> None:
    assert clip_int16([40000, -40000, 5]) == [INT16_MAX, INT16_MIN, 5]
    assert list(sum_clip([(0, [30000, 1]), (1, [30000, 30000])], 4)) == [30000, 30001, 30000, 0]
    assert list(sum_clip([(0, [1, 2, 3])], 2)) == [1, 2]  # cut to the frames asked for


def test_a_delayed_sound_starts_later_even_across_buffers() -> None:
    mixer = Mixer(volume=1.0)
    mixer.add(sound([5, 6, 7]), delay=3 / SAMPLE_RATE)
    assert list(mixer.mix(2)) == [0, 0]
    assert list(mixer.mix(3)) == [0, 5, 6]
    assert list(mixer.mix(3)) == [7, 0, 0]
    assert mixer.pending_frames() == 0


def test_volume_scales_by_its_square_and_stays_in_range() -> None:
    mixer = Mixer(volume=0.5)
    mixer.add(sound([20000, -20000, 4000]))
    assert list(mixer.mix(3)) == [5000, -5000, 1000]
    assert volume_gain(0.8) == pytest.approx(0.64)
    assert mixer.volume_up() == pytest.approx(0.6)
    for _ in range(10):
        mixer.volume_up()
    assert mixer.volume == 1.0
    for _ in range(12):
        mixer.volume_down()
    assert mixer.volume == 0.0
    mixer.add(sound([20000]))
    assert list(mixer.mix(1)) == [0]
    mixer.volume = 7
    assert mixer.volume == 1.0


def test_mute_silences_but_time_goes_on() -> None:
    mixer = Mixer(volume=1.0)
    mixer.add(sound([1, 2, 3, 4]))
    assert mixer.toggle_mute() is True
    assert list(mixer.mix(2)) == [0, 0]
    assert mixer.toggle_mute() is False
    assert list(mixer.mix(2)) == [3, 4]  # the muted half played on in silence


def test_cancel_drops_only_sounds_with_that_tag() -> None:
    mixer = Mixer(volume=1.0)
    mixer.add(sound([1, 1, 1]), tag="speech")
    mixer.add(sound([10, 10, 10]))
    assert list(mixer.mix(1)) == [11]
    assert mixer.cancel("speech") == 1
    assert list(mixer.mix(2)) == [10, 10]
    mixer.add(sound([5]), tag="speech")
    mixer.clear()
    assert not mixer.busy and list(mixer.mix(1)) == [0]


def test_render_all_mixes_everything_left_and_consumes_it() -> None:
    mixer = Mixer(volume=1.0)
    mixer.add(sound([1, 2]))
    mixer.add(sound([10]), delay=2 / SAMPLE_RATE)
    assert mixer.pending_frames() == 3
    assert list(mixer.render_all()) == [1, 2, 10]
    assert not mixer.busy and len(mixer.render_all()) == 0


def test_on_add_is_called_after_the_sound_is_queued() -> None:
    mixer = Mixer()
    seen: list[bool] = []
    mixer.on_add = lambda: seen.append(mixer.busy)
    mixer.add(sound([1]))
    assert seen == [True]


def test_wait_idle_waits_for_the_output_to_play_the_sounds_out() -> None:
    mixer = Mixer()
    mixer.add(sound([1] * 1000))
    assert mixer.wait_idle(timeout=0.05) is False  # nobody is pulling frames
    puller = threading.Timer(0.05, lambda: mixer.mix(1000))
    puller.start()
    assert mixer.wait_idle(timeout=5.0) is True
    puller.join()


def test_adding_shares_the_decoded_samples_instead_of_copying_them() -> None:
    decoded = sound([3] * 10)
    mixer = Mixer(volume=1.0)
    for _ in range(3):
        mixer.add(decoded)
    assert decoded.samples.tolist() == [3] * 10
    assert list(mixer.mix(2)) == [9, 9]
    assert decoded.seconds == pytest.approx(10 / SAMPLE_RATE) and decoded.nbytes == 20
