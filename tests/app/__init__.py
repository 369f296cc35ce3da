"""Tests of the Streamlit app: AppTest runs and real-browser runs."""
