"""The weights of the clause match score, shared by the one-pair reference (:mod:`.matcher`) and the
all-pairs numpy version (:mod:`.scores`); here so that neither imports the other for them."""

SIM_FULL = 0.55  # word overlap at which the similarity part counts fully
W_KW, W_PHRASE, W_SIM = 0.45, 0.25, 0.30  # all required keyword groups, a phrase, the similarity part
