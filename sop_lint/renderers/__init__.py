"""The official layout of an SOP (PermenPAN-RB 35/2012): HTML, PDF and Word.

`layout` turns the parsed model and its flow graph into pages of rows and
role columns, each cell holding the symbol and the arrow segments drawn in it;
`html` and `docx` write that layout; `pdf` prints the HTML with a Chromium-
family browser. Nothing here is imported by `sop-lint check`.
"""
