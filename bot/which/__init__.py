"""/which: the study explorer's menus, the choices they carry in custom_ids, ranking, and its replies."""
