"""For moderators: /stats (counts that identify no one) and /settings' replies."""
