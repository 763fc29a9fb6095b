-- A funding stream's reference: the number on the funder's decision letter (beschikking). Optional text.
ALTER TABLE `funding_streams` ADD `reference` text;
