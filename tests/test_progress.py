import io

from generator.progress import Progress


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_on_a_terminal_only():
    tty = Tty()
    p = Progress("extracting", 3, stream=tty, every=0)
    for _ in range(3):
        p.step()
    p.close()
    assert "3/3" in tty.getvalue() and tty.getvalue().endswith("\n")
    quiet = io.StringIO()
    p = Progress("extracting", 3, stream=quiet, every=0)
    p.step()
    p.close()
    assert quiet.getvalue() == ""
