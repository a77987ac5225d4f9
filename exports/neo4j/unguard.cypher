// After neo4j-admin database import: remove the leading ' that guards cells from spreadsheets.
MATCH (n:Entity) WHERE n.name STARTS WITH "'" SET n.name = substring(n.name, 1, size(n.name) - 1);
MATCH (n:Entity) WHERE n.purpose STARTS WITH "'" SET n.purpose = substring(n.purpose, 1, size(n.purpose) - 1);
MATCH (n:Entity) WHERE n.date STARTS WITH "'" SET n.date = substring(n.date, 1, size(n.date) - 1);
MATCH (n:Entity) WHERE n.evidence STARTS WITH "'" SET n.evidence = substring(n.evidence, 1, size(n.evidence) - 1);
MATCH (n:Entity) WHERE size(n.aliases) > 0 AND n.aliases[0] STARTS WITH "'" SET n.aliases = [substring(n.aliases[0], 1, size(n.aliases[0]) - 1)] + n.aliases[1..];
MATCH (n:Entity) WHERE size(n.documents) > 0 AND n.documents[0] STARTS WITH "'" SET n.documents = [substring(n.documents[0], 1, size(n.documents[0]) - 1)] + n.documents[1..];
MATCH ()-[r]->() WHERE r.evidence STARTS WITH "'" SET r.evidence = substring(r.evidence, 1, size(r.evidence) - 1);
MATCH ()-[r]->() WHERE r.title STARTS WITH "'" SET r.title = substring(r.title, 1, size(r.title) - 1);
MATCH ()-[r]->() WHERE size(r.documents) > 0 AND r.documents[0] STARTS WITH "'" SET r.documents = [substring(r.documents[0], 1, size(r.documents[0]) - 1)] + r.documents[1..];
MATCH ()-[r]->() WHERE size(r.rules) > 0 AND r.rules[0] STARTS WITH "'" SET r.rules = [substring(r.rules[0], 1, size(r.rules[0]) - 1)] + r.rules[1..];
