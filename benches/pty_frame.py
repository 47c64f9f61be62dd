"""The one measurement the pty harnesses share (benches/first-frame.py,
benches/history-first-frame.py, benches/history-first-frame-ab.py): start a program in a real
pseudo-terminal of 80x24 and time it to its first frame, the moment the verdict buttons
("Genuine") have been written; then quit it with `q` and take its peak memory."""
import fcntl, os, pty, select, struct, termios, time


def first_frame(argv, env):
    """(milliseconds to the first frame, peak resident memory in MB) of running `argv` with
    the variables `env` added to this process's environment."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.environ["COLUMNS"] = "80"
        os.environ["LINES"] = "24"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    buf = b""
    while b"Genuine" not in buf:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        buf += os.read(fd, 65536)
    elapsed = (time.perf_counter() - start) * 1000
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    return elapsed, usage.ru_maxrss / 1024
