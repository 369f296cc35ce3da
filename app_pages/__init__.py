"""Page modules of the Streamlit app (run by ``st.navigation`` from ``streamlit_app.py``) and their helpers."""
