"""The test suite, in folders that mirror the package layers (data, model, answers, maps, cli, app)."""
