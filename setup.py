"""Build script for the optional compiled helpers (everything else is in pyproject.toml).

``declutter/_speedups.c`` makes the duplicates filter's keys some five times
faster. It is optional: where it cannot be compiled (no C compiler), the
install goes on without it and declutter uses the pure-Python code, with the
same output.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("declutter._speedups", ["declutter/_speedups.c"], optional=True)])
