"""One module per signal; ``embeddings.signals.registry`` lists them in report order."""
