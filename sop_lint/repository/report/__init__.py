"""`sop-lint report DIR -o SITE/`: a reviewer's static site over a repository.

`entries` lints the repository exactly as `sop-lint check DIR` does (same
configuration, cache, workers and repository rules, so the site's counts are
check's) and reads from each file what the index shows; `site` writes the
pages; `catatan` drafts the review notes in Indonesian from the findings.
"""
