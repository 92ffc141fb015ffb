"""One voice: spoken lines go into the mixer one after another, never on top of each other.

A line that arrives while another is being said waits for it to end (plus a short breath).
A new step or rest replaces the lines still waiting, but never cuts off the one being said.
A line that would have to wait too long to still make sense (a prompt more than a few seconds
late, a number of the get-ready count that would land on the wrong second) is dropped instead,
and a dropped prompt is kept in :attr:`SpeechQueue.skipped`, so plain mode can say so.
"""

from __future__ import annotations

from collections.abc import Sequence

from freefeet_tui.audio.mixer import Mixer, Sound

SPEECH = "speech"
"""Mixer tag of spoken clips."""

LINE_GAP = 0.3
"""Silence between two spoken lines: a breath, so they stay two sentences."""

PROMPT_MAX_WAIT = 4.0
"""The longest a prompt waits for the voice; later than that it is skipped."""

COUNT_MAX_WAIT = 0.4
"""The longest a number of the get-ready count waits: it belongs to its second."""


class SpeechQueue:
    """Schedules spoken clips in ``mixer`` so that no two of them ever sound at once."""

    def __init__(self, mixer: Mixer) -> None:
        self.mixer = mixer
        self.skipped: list[str] = []
        """Prompts not said because the voice was still busy, oldest first."""

    def busy_for(self) -> float:
        """Seconds until everything queued to be said has been said."""
        return self.mixer.tag_remaining(SPEECH)

    def say(
        self,
        sounds: Sequence[Sound],
        delay: float = 0.0,
        *,
        fresh: bool = False,
        max_wait: float | None = None,
    ) -> bool:
        """Queue ``sounds`` to be said in order, the first ``delay`` seconds from now or as
        soon as the voice is free. ``fresh`` drops the lines still waiting first (a new step
        begins). Returns False, queuing nothing, when that would mean waiting more than
        ``max_wait`` seconds past ``delay``."""
        if fresh:
            self.mixer.cancel_pending(SPEECH)
        if not sounds:
            return True
        busy = self.busy_for()
        start = max(delay, busy + LINE_GAP) if busy > 0 else delay
        if max_wait is not None and start - delay > max_wait:
            return False
        for sound in sounds:
            self.mixer.add(sound, start, SPEECH)
            start += sound.seconds + LINE_GAP
        return True

    def say_prompt(self, text: str, sound: Sound) -> bool:
        """A step's prompt: said when the voice is free soon enough, else noted as skipped."""
        said = self.say([sound], max_wait=PROMPT_MAX_WAIT)
        if not said:
            self.skipped.append(text)
        return said
