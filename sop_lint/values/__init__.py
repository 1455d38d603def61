"""Parsers for the values an SOP holds: dates, durations, NIPs, step
references and regulation citations. Each takes the text as written and the
span it stands at, and returns a model value; none of them raises."""
