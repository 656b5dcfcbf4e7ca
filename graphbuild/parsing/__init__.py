"""Small parsers shared by every extractor: money, dates, numbers, spans."""
