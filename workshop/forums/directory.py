"""The shared directory's first entries: the twenty organisations of UNDP's 2011 mapping of multilateral support
to South-South cooperation in Latin America and the Caribbean (see the README).

Names are the organisations' official ones (the mapping misspells a few, such as "United Nations Education,
Scientific…"); acronyms are the mapping's. Countries are those of each headquarters.
"""

# name, acronym, type (OrganisationType's value), country code
UNDP_MAPPING_2011 = (
    ("Economic Commission for Latin America and the Caribbean", "ECLAC", "un_agency", "CL"),
    ("Food and Agriculture Organization of the United Nations", "FAO", "un_agency", "IT"),
    ("International Labour Organization", "ILO", "un_agency", "CH"),
    ("Pan American Health Organization", "PAHO", "un_agency", "US"),
    ("United Nations Development Programme", "UNDP", "un_agency", "US"),
    ("United Nations Educational, Scientific and Cultural Organization", "UNESCO", "un_agency", "FR"),
    ("United Nations Environment Programme", "UNEP", "un_agency", "KE"),
    ("United Nations Children's Fund", "UNICEF", "un_agency", "US"),
    ("United Nations Special Unit for South-South Cooperation", "SU/SSC", "un_agency", "US"),
    ("World Food Programme", "WFP", "un_agency", "IT"),
    ("Caribbean Development Bank", "CDB", "development_bank", "BB"),
    ("Inter-American Development Bank", "IADB", "development_bank", "US"),
    ("Organization of American States", "OAS", "regional_organisation", "US"),
    ("Secretaría General Iberoamericana", "SEGIB", "regional_organisation", "ES"),
    # Hosted by the OECD's Working Party on Aid Effectiveness: a partnership, not an organisation of a type above.
    ("Task Team on South-South Cooperation", "TT-SSC", "other", ""),
    ("World Bank Group", "WBG", "development_bank", "US"),
    ("Caribbean Community", "CARICOM", "regional_body", "GY"),
    ("Mercado Común del Sur", "MERCOSUR", "regional_body", "UY"),
    ("Sistema de la Integración Centroamericana", "SICA", "regional_body", "SV"),
    ("Unión de Naciones Sudamericanas", "UNASUR", "regional_body", "EC"),
)
