"""Build script for the optional compiled helpers (everything else is in pyproject.toml).

``declutter/_speedups.c`` makes the duplicates filter's keys some five times
faster; ``declutter/_build.c`` makes building the first pass's databases
faster. Both are optional: where they cannot be compiled (no C compiler), the
install goes on without them and declutter uses the pure-Python code, with the
same output.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("declutter._speedups", ["declutter/_speedups.c"], optional=True),
                   Extension("declutter._build", ["declutter/_build.c"], optional=True)])
