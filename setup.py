"""The C walk of the phrase trie (kompetens.extract._speedups). Everything else is in pyproject.toml.

The extension is optional: where no C compiler is present the package installs without it and
kompetens.extract.wordtrie walks the trie in Python (the same hits, slower).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "kompetens.extract._speedups",
            ["src/kompetens/extract/_speedups.c"],
            extra_compile_args=["-O2"],
            optional=True,
        )
    ]
)
