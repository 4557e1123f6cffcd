"""The C code of extraction (kompetens.extract._speedups: the phrase-trie walk and overlap resolution) and of
quick linking (kompetens.link._quick: Linker.link_quick's walk, static scores and n-gram weights).

Everything else is in pyproject.toml. The extensions are optional: where no C compiler is present the package
installs without them and runs the Python twins of their functions (the same results, 0.4-0.5x the speed).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "kompetens.extract._speedups",
            ["src/kompetens/extract/_speedups.c"],
            depends=["src/kompetens/_cshared.h"],
            extra_compile_args=["-O2"],
            optional=True,
        ),
        Extension(
            "kompetens.link._quick",
            ["src/kompetens/link/_quick.c"],
            depends=["src/kompetens/_cshared.h"],
            # float arithmetic as written (no fused multiply-add): the twins' scores to the bit
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        ),
    ]
)
