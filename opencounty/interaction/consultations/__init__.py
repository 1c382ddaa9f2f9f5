"""Consultations on draft policies (意见征集): actions, figures, public and staff screens."""
