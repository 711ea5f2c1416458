"""The topics stage: names found in each article's text, made its topics."""

from newsgen.topics.assign import TopicSettings, assign_topics
from newsgen.topics.find import Extraction, find_entities

__all__ = ["Extraction", "TopicSettings", "assign_topics", "find_entities"]
