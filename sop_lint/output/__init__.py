"""Reports: turn findings into text, JSON, SARIF … Rules know nothing of these."""
