"""What if: a discrete-event simulation of the team's Partnership waiting under an allocation policy and named changes."""
