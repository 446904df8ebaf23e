"""The source page, the review queue, uploads and the audit page of the web app."""
