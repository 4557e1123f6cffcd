"""The C code of extraction (kompetens.extract._speedups: the phrase-trie walk and overlap resolution).

Everything else is in pyproject.toml. The extension is optional: where no C compiler is present the package
installs without it and runs the Python twins of its functions (the same results, 0.4-0.5x the speed).
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
