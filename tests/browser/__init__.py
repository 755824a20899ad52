"""Browser tests: the built site in headless Chromium (accessibility, keyboard, mobile, print, network)."""
