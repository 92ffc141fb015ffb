"""The lesson player, made to be read from two metres away on the floor beside the desk.

The countdown fills most of the screen in block letters (``widgets/big_text.py``), with the
side and rep in block letters under it (``LEFT 3 / 8``, or ``REST`` on a green screen during
a rest); the step title on a band above is the next most prominent thing, then the cue, the
"avoid" reminder, the latest prompt, what comes next and a progress bar over the whole lesson.
Both big texts pick the largest size at which they fit whole, so they grow with the terminal
and are never cut. On a short terminal the side and rep move up beside the title, in words.
A 0.1 s timer calls ``engine.tick()``; the engine works time out from its deadline, so
the timer rate never changes the timing, and widgets are repainted only when their text changes.
A :class:`SessionRecorder` saves the session to the progress log on its own thread (the tick
only asks it to checkpoint); with ``resume`` the player carries on an unfinished session.
Sound: at the start the lesson's sounds are decoded in the background (``app.sound.prepare``);
``m`` mutes the output itself (a clip already playing stops), ``+``/``-`` change the volume.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

from freefeet_tui.core.engine import Engine, Status
from freefeet_tui.core.events import Event, LessonFinished, SegmentKind
from freefeet_tui.core.lesson import Lesson
from freefeet_tui.core.progress import Session
from freefeet_tui.core.recorder import SessionRecorder, discarded_text, resume_step, stopped_summary
from freefeet_tui.core.terminal_text import visible
from freefeet_tui.core.wording import percent
from freefeet_tui.tui.player_view import PlayerView, player_view
from freefeet_tui.tui.screens.base import FreefeetScreen, PaletteCommand
from freefeet_tui.tui.widgets.app_header import AppHeader
from freefeet_tui.tui.widgets.big_text import BigText
from freefeet_tui.tui.widgets.key_bar import KeyBar
from freefeet_tui.tui.widgets.literal import Literal

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


TICK_SECONDS = 0.1
SHORT_HEIGHT = 24  # below this many rows, secondary lines are hidden
TALL_HEIGHT = 40  # from this many rows, the side and rep are drawn one size larger
HUGE_HEIGHT = 56  # and from this many, larger again
NARROW_WIDTH = 80
LABEL_MOST = 3  # the side and rep never grow beyond this scale: the countdown comes first
PAUSED_NOTE = "Paused: press space to carry on"
KEYS_WIDTH = 90  # the key bar's words need this many columns; below it the bar is compact
VOLUME_SHOWN_SECONDS = 2.0  # how long the volume label stays after a volume key
NOTICE_SHOWN_SECONDS = 6.0  # long enough to read from the floor, then out of the way


class PlayerScreen(FreefeetScreen[None]):
    """Plays one lesson with its engine; cues go to the app's shared :class:`CueRouter`.

    ``q`` opens :class:`QuitConfirm`. The lesson is paused while the dialog is open (the runner
    is not following it then); cancelling resumes it only if it was running before.
    """

    CSS_PATH = "player.tcss"  # parsed when the screen first opens, not at start-up
    HELP_NAME = "Player"
    NAVIGATES = False  # the lesson is left with its own keys (q asks first)

    BINDINGS: ClassVar[list[BindingType]] = [
        # One id for each pair the same key toggles, so [keys] moves both at once.
        Binding("space", "pause", "Pause", tooltip="Pause the lesson", id="player.pause"),
        Binding("space", "resume", "Resume", tooltip="Carry on", id="player.pause"),
        Binding("n", "next", "Next", tooltip="Skip to the next step", id="player.next"),
        Binding("p", "previous", "Previous", tooltip="Back one step", id="player.previous"),
        Binding("r", "restart_step", "Restart", tooltip="This step again", id="player.restart"),
        Binding("m", "mute", "Mute", tooltip="Silence the cues", id="player.mute"),
        Binding("m", "unmute", "Unmute", tooltip="Cues back on", id="player.mute"),
        Binding(
            "q", "quit_lesson", "Quit", tooltip="Stop the lesson (asks first)", id="player.quit"
        ),
        # after Quit, so a narrow footer cuts these off rather than the way out
        Binding(
            "plus,equals_sign",
            "volume_up",
            "Louder",
            key_display="+",
            tooltip="Cues louder",
            id="player.volume_up",
        ),
        Binding("minus", "volume_down", "Softer", tooltip="Cues softer", id="player.volume_down"),
    ]

    def __init__(
        self, lesson: Lesson, *, resume: Session | None = None, tempo: float | None = None
    ) -> None:
        super().__init__()
        self.lesson = lesson
        self.resume = resume
        self.tempo = tempo
        """How fast to play; None: the app's tempo (``--tempo``)."""
        self.engine: Engine | None = None
        self.recorder: SessionRecorder | None = None
        self._shown: PlayerView | None = None
        self._timer: Timer | None = None
        self._volume_timer: Timer | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self._finished: LessonFinished | None = None
        self._ended: LessonFinished | None = None  # how the lesson ended, however it was left
        self._leaving = False
        self._resume_after_dialog = False
        self.discarded = False
        """Whether the session was an accidental start, taken off the log when it stopped."""
        self._resume_on_return = False
        self.ticks = 0
        """How many times the timer has ticked (tests wait on it instead of on wall time)."""

    @property
    def running_engine(self) -> Engine:
        assert self.engine is not None, "the player's engine starts when the screen mounts"
        return self.engine

    # layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="player-body"):
            with Horizontal(id="player-top"):
                yield Literal(id="heading")
                yield Static("", id="volume-badge", markup=False)
                yield Static("MUTED", id="muted-badge")
                yield Static("PAUSED", id="paused-badge")
            yield Literal(id="step-title")
            yield Literal(id="detail")
            with Center():
                yield Literal(id="cue")
            with Center():
                yield Literal(id="avoid")
            yield Literal(id="prompt")
            yield BigText(id="countdown")
            yield BigText(id="label", most=LABEL_MOST)
            yield Literal(id="next")
            with Horizontal(id="progress-row"):
                yield ProgressBar(
                    total=self.lesson.total_seconds,
                    show_eta=False,
                    show_percentage=False,
                    id="progress",
                )
                yield Literal(id="time-left")
        yield KeyBar()

    def on_mount(self) -> None:
        app = self.freefeet
        self.sub_title = self.lesson.title
        tempo = self.tempo if self.tempo is not None else app.tempo
        engine = Engine(self.lesson, app.clock, tempo, get_ready=app.get_ready)
        self.engine = engine
        recorder = SessionRecorder(
            app.store,
            self.lesson,
            engine,
            tempo=tempo,
            resume=self.resume,
            clock=app.clock,
            discard_under=app.settings.discard_under,
        )
        self.recorder = recorder
        self._unsubscribe = [
            engine.subscribe(app.cue_router),
            engine.subscribe(recorder),
            engine.subscribe(self._on_event),
        ]
        self.set_class(app.cue_router.muted, "-muted")
        app.sound.prepare(self.lesson)  # a background thread: decodes, never blocks the screen
        self._timer = self.set_interval(TICK_SECONDS, self.tick)
        engine.start(resume_step(self.resume, self.lesson) if self.resume else 0)
        self._update_display()

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        engine = self.engine
        if engine is not None and engine.status in (Status.RUNNING, Status.PAUSED):
            self._leaving = True  # the app closed mid-lesson (ctrl+q): record how far it got
            engine.stop()
            self.freefeet.sound.stop_all()
        self._close_recorder()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    def _close_recorder(self) -> None:
        """Flush the session to the log (the lesson has ended or is being left) and say if a
        save failed: the lesson itself never stops for the log."""
        recorder, self.recorder = self.recorder, None
        if recorder is None:
            return
        recorder.close()
        ended = self._ended
        if ended is not None and not ended.completed:
            self.freefeet.summaries.append(stopped_summary(self.lesson.title, ended, recorder))
        self.discarded = recorder.discarded
        if recorder.discarded:  # an accidental start: said in one line, kept off the log
            self.app.notify(discarded_text(recorder.discarded_after), markup=False)
        if recorder.unsaved is not None:
            self.freefeet.session_not_saved(recorder.unsaved)
            self.app.notify(
                visible(f"Progress not saved: {recorder.unsaved}"),
                severity="error",
                timeout=10,
                markup=False,
            )

    def on_screen_suspend(self) -> None:
        """Help or the palette over the lesson: the runner is reading, not following, so
        the lesson waits (the quit dialog pauses it itself, before it opens)."""
        engine = self.engine
        if engine is not None and engine.status is Status.RUNNING and not self._leaving:
            engine.pause()
            self._resume_on_return = True
            self._update_display()

    def on_screen_resume(self) -> None:
        """Back on top: carry on if the lesson only waited for the dialog."""
        if self.app.screen is not self:  # another dialog came up at once (palette: Stop)
            return
        if self._resume_on_return and self.engine is not None and not self._leaving:
            self._resume_on_return = False
            if self.engine.status is Status.PAUSED:
                self.engine.resume()
            self._update_display()

    def on_resize(self, event: events.Resize) -> None:
        height = event.size.height
        self.set_class(height < SHORT_HEIGHT, "-short")
        self.set_class(TALL_HEIGHT <= height < HUGE_HEIGHT, "-tall")
        self.set_class(height >= HUGE_HEIGHT, "-huge")
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.query_one(KeyBar).compact = event.size.width < KEYS_WIDTH

    # engine ------------------------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        if isinstance(event, LessonFinished):
            app = self.freefeet
            self._ended = event
            app.record_session(self.lesson, event)
            if not self._leaving:
                self._finished = event
                if app.play_only:  # no lesson follows: let the chord play out, then close
                    app.sound.finish()

    def tick(self) -> None:
        """Bring the engine up to the clock and repaint what changed (the timer calls this)."""
        if self.engine is None or self._leaving:
            return
        self.ticks += 1
        self.engine.tick()
        if self.recorder is not None:
            self.recorder.poll()
        self._update_display()

    def _update_display(self) -> None:
        """Repaint what changed. Rows of a fixed size are updated without a new layout, so
        the countdown's second-by-second changes never make Textual lay out the screen."""
        if self._finished is not None:
            self._show_finished(self._finished)
            return
        view = player_view(self.running_engine)
        old = self._shown
        self._shown = view
        if old is None or view.heading != old.heading:
            self.query_one("#heading", Literal).update(view.heading)
        if old is None or view.title != old.title:
            self.query_one("#step-title", Literal).update(view.title, layout=False)
        if old is None or view.cue != old.cue:
            self.query_one("#cue", Literal).update(view.cue, layout=False)
        if old is None or view.avoid != old.avoid:
            avoid = self.query_one("#avoid", Literal)
            avoid.update(f"Avoid: {view.avoid}" if view.avoid else "")
            avoid.set_class(view.avoid is None, "-empty")
        if old is None or view.prompt != old.prompt or view.paused != old.paused:
            prompt = PAUSED_NOTE if view.paused else view.prompt
            self.query_one("#prompt", Literal).update(prompt, layout=False)
        if old is None or view.clock != old.clock:
            self.query_one("#countdown", BigText).update(view.clock)
        if old is None or view.label != old.label:
            self.query_one("#label", BigText).update(view.label)
        if old is None or view.detail != old.detail:
            self.query_one("#detail", Literal).update(view.detail, layout=False)
        if old is None or view.next_line != old.next_line:
            self.query_one("#next", Literal).update(view.next_line, layout=False)
        if old is None or view.position != old.position or view.total != old.total:
            self.query_one("#progress", ProgressBar).update(
                total=view.total, progress=view.position
            )
        if old is None or view.time_left != old.time_left:
            self.query_one("#time-left", Literal).update(view.time_left, layout=False)
        changed_state = (view.paused, view.kind, view.getting_ready)
        if old is None or changed_state != (old.paused, old.kind, old.getting_ready):
            self.set_class(view.paused, "-paused")
            self.set_class(view.kind is SegmentKind.REST, "-rest")
            self.set_class(view.kind is SegmentKind.SWITCH, "-switch")
            self.set_class(view.getting_ready, "-ready")
            self.refresh_bindings()

    def _show_finished(self, finished: LessonFinished) -> None:
        from freefeet_tui.tui.screens.dialogs import FinishedScreen

        if self._leaving:
            return
        self._leaving = True
        if self._timer is not None:
            self._timer.stop()
        # The session is saved before the finished view shows, so an answer given there is
        # written after the recorder's last save, never overwritten by it.
        recorder = self.recorder
        session = recorder.session if recorder is not None and not recorder.errors else None
        self._close_recorder()
        self.app.switch_screen(FinishedScreen(self.lesson, finished, session))

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """In a lesson the palette offers its way out (which asks first), not other places."""
        yield PaletteCommand(
            "Stop the lesson", "Asks first; the session is saved", self.action_quit_lesson
        )

    # bindings ----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show "Pause" or "Resume", "Mute" or "Unmute", whichever applies now."""
        if self.engine is None:
            return True
        paused = self.engine.status is Status.PAUSED
        muted = self.freefeet.cue_router.muted
        if action == "pause":
            return not paused
        if action == "resume":
            return paused
        if action == "mute":
            return not muted
        if action == "unmute":
            return muted
        return True

    def action_pause(self) -> None:
        self.running_engine.pause()
        self._update_display()

    def action_resume(self) -> None:
        self.running_engine.resume()
        self._update_display()

    def action_next(self) -> None:
        self.running_engine.next()
        self._update_display()

    def action_previous(self) -> None:
        self.running_engine.previous()
        self._update_display()

    def action_restart_step(self) -> None:
        self.running_engine.restart_step()
        self._update_display()

    def action_mute(self) -> None:
        self._toggle_mute()

    def action_unmute(self) -> None:
        self._toggle_mute()

    def _toggle_mute(self) -> None:
        app = self.freefeet
        muted = app.cue_router.toggle_mute()
        app.sound.set_muted(muted)
        self.set_class(muted, "-muted")
        self.refresh_bindings()

    def action_volume_up(self) -> None:
        self._show_volume(self.freefeet.sound.volume_up())

    def action_volume_down(self) -> None:
        self._show_volume(self.freefeet.sound.volume_down())

    def _show_volume(self, volume: float | None) -> None:
        """Say the new volume in the top bar for a moment (a label, not a pile of toasts)."""
        if volume is None:
            text = f"No volume: sound goes to {self.freefeet.sound.describe()}"
        else:
            text = f"Volume {percent(volume)}"
        self._flash(text, VOLUME_SHOWN_SECONDS)

    def show_sound_notice(self, notice: str | None) -> None:
        """Why sound fell back, in the top bar for a few seconds, clear of the countdown."""
        if notice:
            self._flash(notice, NOTICE_SHOWN_SECONDS)

    def _flash(self, text: str, seconds: float) -> None:
        self.query_one("#volume-badge", Static).update(visible(text))
        self.add_class("-volume")
        if self._volume_timer is not None:
            self._volume_timer.stop()
        self._volume_timer = self.set_timer(seconds, self._hide_volume)

    def _hide_volume(self) -> None:
        self.remove_class("-volume")
        self._volume_timer = None

    def action_quit_lesson(self) -> None:
        from freefeet_tui.tui.screens.dialogs import QuitConfirm

        engine = self.running_engine
        self._resume_after_dialog = engine.status is Status.RUNNING
        engine.pause()
        self._update_display()
        if self._finished is None:
            self.app.push_screen(QuitConfirm(self.lesson.title), self._after_quit_dialog)

    def _after_quit_dialog(self, stop: bool | None) -> None:
        engine = self.running_engine
        if stop:
            self._leaving = True
            engine.stop()
            self.freefeet.sound.stop_all()
            self._close_recorder()  # saved before the screen below reads the log again
            self.freefeet.leave_lesson()
            return
        if self._resume_after_dialog:
            engine.resume()
        self._update_display()
