"""Command line: the ``wuzhen-geo`` program (also ``python -m wuzhen_geo``).

Owns the commands, their options and how their results are shown: :mod:`~wuzhen_geo.cli.program` (the
parser, :func:`main` and its one-line errors), :mod:`~wuzhen_geo.cli.data_commands` (``validate``, ``info``)
and :mod:`~wuzhen_geo.cli.answer_commands` (``airports``, ``route``, ``matrix``, ``compare``, ``isochrone``,
``indicators``), with the private ``_arguments`` (shared options, data folder, scenario) and ``_output``
(JSON, text tables, ``--out`` files). Every command is a thin call into the package: it computes nothing the
app or the Python API could not ask for the same way. May import every layer below: the maps, the answers,
the model, the data layer and the top-level ``errors``, ``i18n`` and ``vocabulary``.
"""

from wuzhen_geo.cli.program import build_parser, main

__all__ = ["build_parser", "main"]
