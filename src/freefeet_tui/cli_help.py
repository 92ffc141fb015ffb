"""The help texts of ``freefeet`` and its lesson and doctor commands, written for runners."""

DESCRIPTION = """\
Short guided movement lessons for runners with sore soles (plantar fascia pain).
Run freefeet on its own for Today: what is due and why, one key to start it, your
streak, check-ins and history.

freefeet is not medical advice. Stop any movement that hurts; for sharp or worsening
pain, a suspected rupture, numbness or night pain, see a clinician."""

EXAMPLES = """examples:
  freefeet                                 Today, in the full-screen app
  freefeet play pre-run-hip-extension      straight into a lesson
  freefeet play free-your-feet --plain     the lesson as text lines
  freefeet lessons show free-your-feet     every step of a lesson
  freefeet lessons validate my-lesson.toml check a lesson you wrote
  freefeet today                           what is due today, and why
  freefeet log --pain 3 --ran 30           how your feet felt, and your run
  freefeet export --format md -o log.md    a report for your physio or coach"""

PLAY_HELP = """\
Play one lesson from start to end. LESSON is a lesson id (see: freefeet lessons list)
or the path of a lesson file, handy for trying your own lesson before adding it.

By default the full-screen player opens. With --plain the lesson is printed as it
happens, one line per moment, each starting with the time since the start, e.g.
  [0:45] Rest 15 s. Next: Heel lifts (left)
That suits screen readers, logs and scripts. Ctrl-C stops it (exit code 130).

Each playing is saved in your progress log as it goes; a session cut short by a
crash can be continued where it stopped with --resume."""

LIST_HELP = """\
List every lesson you can play: the built-in ones and yours from
  {user_lessons}
FROM says which is which; a lesson of yours with a built-in id takes its place.
A lesson file that cannot be read is reported on stderr as FILE:LINE: message
and skipped; the rest are still listed and the exit code stays 0.
Use freefeet lessons validate FILE to check one file."""

VALIDATE_HELP = """\
Check lesson files before you use them. Give files, or folders to check every
*.toml inside. Prints "PATH: ok (title, length)" for each good file and one
"freefeet: error: FILE:LINE: message" line on stderr for each bad one.
Exit code 0 when every file is good, 1 when any is not."""

DOCTOR_HELP = """\
Show what freefeet sees on this computer: the folders it uses, the lessons it
found and the ones it had to skip, and the versions of freefeet, Python and the
packages it relies on. Handy when something looks wrong or for a bug report.
Exit code 0 when all is well, 1 when a line is marked "problem"."""
