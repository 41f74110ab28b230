"""Summarizing: article -> brief.

In: a `model.Article`. Out: a `model.Brief` with the thesis, the problem, mechanism and
recommendation lists (each item traced to its paragraphs), keywords and discussion questions.
summarize chooses the lists with a model learned from annotated essays: candidates (clause
windows), features (cue words from cues, the first summarizer's judgements from rules), model
(weights.json, scored in pure Python) and select; train makes the weights (scikit-learn, training
only). keywords (jieba TF-IDF) and questions (a Jinja2 template) complete the brief.
"""
