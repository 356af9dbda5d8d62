"""vnextract's batch tool: input walking, decoding, writers, runner and the typer app."""
