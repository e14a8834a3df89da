"""Types of the compiled help for building the first pass's databases (declutter/_build.c; absent where no C
compiler built it)."""

def contained(ordered: list[bytes], /) -> list[list[int]]: ...
